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

        @Option(names = "--since", paramLabel = "TIME", converter = Converters.Time.class,
                description = "Only entries from then on: a day (20261121), a UTC time ('2026-11-21 14:30:00') or ISO 8601 with an offset.")
        String since;

        @Option(names = "--until", paramLabel = "TIME", converter = Converters.Time.class,
                description = "Only entries before then, written as for --since.")
        String until;

        @Option(names = "--limit", paramLabel = "N", description = "At most N entries (the server's default otherwise).")
        Integer limit;

        @Override
        public Integer call() {
            if (limit != null && limit < 1) {
                throw usageError("--limit must be at least 1, got " + limit);
            }
            // The server takes a user or a team by name or uuid: a name need not be resolved here,
            // which a non-admin could not do for users (listing them takes manage-people).
            ApiPath path = AUDIT.with("user", user)
                    .with("team", team)
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
