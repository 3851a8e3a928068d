package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;
import static dev.cairn.cli.Fields.time;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;

/** The audit log: who did what, from where, to which object, and whether it was allowed. */
final class AuditCommands {

    private static final ApiPath AUDIT = ApiPath.of("/v1/audit");

    private AuditCommands() {
    }

    @Command(name = "audit",
            description = {"List the audit log, newest first: everything for an admin, else your own actions",
                    "and those in the teams where you may view the audit log."})
    static final class ListAudit extends ApiCommand {

        @Option(names = "--user", paramLabel = "USER", description = "Only what this user did (name or uuid).")
        String user;

        @Option(names = "--team", paramLabel = "TEAM", description = "Only what concerns this team (name or uuid).")
        String team;

        @Option(names = "--action", paramLabel = "ACTION",
                description = "Only this action (restore, token.create), or every one it starts ending in a dot (target.).")
        String action;

        @Option(names = "--since", paramLabel = "YYYYMMDD", converter = Converters.Day.class,
                description = "Only entries from this day on (UTC).")
        String since;

        @Option(names = "--until", paramLabel = "YYYYMMDD", converter = Converters.Day.class,
                description = "Only entries before this day (UTC).")
        String until;

        @Option(names = "--limit", paramLabel = "N", description = "At most N entries (the server's default otherwise).")
        Integer limit;

        @Override
        public Integer call() {
            if (limit != null && limit < 1) {
                throw usageError("--limit must be at least 1, got " + limit);
            }
            ApiPath path = AUDIT.with("user", user == null ? null : userUuid(user))
                    .with("team", uuidOf(Kind.TEAM, team))
                    .with("action", action)
                    .with("after", since)
                    .with("before", until)
                    .with("limit", limit == null ? null : String.valueOf(limit));
            CairnApi.Page page = api().page(path);
            int code = printList("audit entries", page.items(), AuditCommands::table);
            if (!terminal().json() && page.total() != null && page.total() > page.items().size()) {
                terminal().line("(" + page.items().size() + " of " + page.total() + " entries: narrow the filters or raise --limit)");
            }
            return code;
        }

        /**
         * The uuid of a user given by name: yourself, else from the users list when you are an
         * admin, else from the members of your teams, the only other users whose entries you see.
         */
        private String userUuid(String reference) {
            if (NameResolver.isUuid(reference)) {
                return reference;
            }
            JsonNode me = api().get("/v1/me");
            if (reference.equals(text(me, "name"))) {
                return text(me, "uuid");
            }
            if (me.path("admin").asBoolean(false)) {
                return resolve(Kind.USER, reference).uuid();
            }
            for (JsonNode team : api().list(Kind.TEAM.listPath())) {
                for (JsonNode member : api().get(Kind.TEAM.itemPath(text(team, "uuid"))).path("members")) {
                    if (reference.equals(text(member, "name"))) {
                        return text(member, "uuid");
                    }
                }
            }
            throw new CliException("no user named '" + reference + "' is in any of your teams");
        }
    }

    static Table table(List<JsonNode> entries) {
        Table table = Table.withColumns("TIME", "USER", "ADDRESS", "ACTION", "OBJECT", "OUTCOME", "DETAIL");
        entries.forEach(entry -> table.row(time(entry, "at"), LoginCommands.blankAsNull(text(entry, "user")),
                LoginCommands.blankAsNull(text(entry, "address")), text(entry, "action"), object(entry),
                text(entry, "outcome"), LoginCommands.blankAsNull(text(entry, "detail"))));
        return table;
    }

    /** "target shop-db", "token 2f42d0b3-…", or null for an entry about no object. */
    static String object(JsonNode entry) {
        String kind = LoginCommands.blankAsNull(text(entry, "object_kind"));
        String name = LoginCommands.blankAsNull(text(entry, "object_name"));
        String id = name != null ? name : LoginCommands.blankAsNull(text(entry, "object"));
        if (kind == null) {
            return id;
        }
        return id == null ? kind : kind + " " + id;
    }
}
