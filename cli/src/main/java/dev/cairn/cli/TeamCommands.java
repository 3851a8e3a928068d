package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Commands on teams, which own targets, and on their members, each with a role in the team. */
final class TeamCommands {

    private TeamCommands() {
    }

    /** A member's role in a team, each allowing what the one before allows and more. */
    enum Role {
        VIEWER, DEVELOPER, OPERATOR;

        String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Command(name = "team", aliases = "teams", description = "Create a team (admins only).")
    static final class CreateTeam extends ApiCommand {

        @Parameters(paramLabel = "NAME", description = "The team's name.")
        String name;

        @Option(names = "--summary", paramLabel = "TEXT", description = "What the team looks after.")
        String summary;

        @Override
        public Integer call() {
            ObjectNode body = body().put("name", name);
            Fields.putIfGiven(body, "summary", summary);
            return create(Kind.TEAM, body);
        }
    }

    @Command(name = "teams", aliases = "team", description = "List teams: all of them for an admin, else your own.")
    static final class ListTeams extends ApiCommand {

        @Override
        public Integer call() {
            return list(Kind.TEAM, Kind.TEAM.listPath(), TeamCommands::table);
        }
    }

    @Command(name = "team", aliases = "teams", description = "Show a team and its members.")
    static final class ShowTeam extends ApiCommand {

        @Parameters(paramLabel = "TEAM", description = "The team's name or uuid.")
        String team;

        @Override
        public Integer call() {
            return show(Kind.TEAM, team, TeamCommands::details);
        }
    }

    @Command(name = "team", aliases = "teams", description = "Delete a team that owns no target (admins only).")
    static final class DeleteTeam extends ApiCommand {

        @Parameters(paramLabel = "TEAM", description = "The team's name or uuid.")
        String team;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation at a terminal.")
        boolean yes;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.TEAM, team);
            confirm(yes, "Delete team " + item.describe() + "? Its members lose the roles they had in it.");
            return delete(Kind.TEAM, item);
        }
    }

    @Command(name = "member", aliases = "members",
            description = "Add a user to a team with a role, or change the role of one who is a member already.")
    static final class AddMember extends ApiCommand {

        @Parameters(paramLabel = "USER", description = "The user's name or uuid.")
        String user;

        @Option(names = "--team", required = true, paramLabel = "TEAM", description = "The team's name or uuid.")
        String team;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "viewer (sees), developer (also backs up, verifies, restores) or operator (also configures).")
        Role role;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.TEAM, team);
            JsonNode reply = api().post(Kind.TEAM.itemPath(item.uuid()) + "/members",
                    body().put("user", user).put("role", role.wire()));
            return report(reply, user + " is " + role.wire() + " in team " + item.describe());
        }
    }

    @Command(name = "member", aliases = "members", description = "Take a user out of a team.")
    static final class RemoveMember extends ApiCommand {

        @Parameters(paramLabel = "USER", description = "The member's name or uuid.")
        String user;

        @Option(names = "--team", required = true, paramLabel = "TEAM", description = "The team's name or uuid.")
        String team;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.TEAM, team);
            String member = NameResolver.isUuid(user) ? user : memberUuid(fetch(Kind.TEAM, item), item);
            JsonNode reply = api().delete(Kind.TEAM.itemPath(item.uuid()) + "/member/" + member);
            return report(reply, "removed " + user + " from team " + item.describe());
        }

        private String memberUuid(JsonNode team, Resolved item) {
            List<String> names = new ArrayList<>();
            for (JsonNode member : team.path("members")) {
                if (user.equals(text(member, "name"))) {
                    return text(member, "uuid");
                }
                names.add(text(member, "name"));
            }
            throw new CliException("team " + item.describe() + " has no member named '" + user + "'"
                    + (names.isEmpty() ? " (it has no members)" : " (its members: " + String.join(", ", names) + ")"));
        }
    }

    static Table table(List<JsonNode> teams) {
        Table table = Table.withColumns("UUID", "NAME", "MEMBERS", "SUMMARY");
        teams.forEach(team -> table.row(text(team, "uuid"), text(team, "name"),
                team.path("members").isArray() ? String.valueOf(team.path("members").size()) : null,
                text(team, "summary")));
        return table;
    }

    static Details details(JsonNode team) {
        return new Details()
                .field("UUID", text(team, "uuid"))
                .field("Name", text(team, "name"))
                .field("Summary", LoginCommands.blankAsNull(text(team, "summary")))
                .section("Members", PeopleText.members(team.path("members")));
    }
}
