package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;
import static dev.cairn.cli.Fields.time;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Commands on users: the people who sign in, each with a role per team (admins only). */
final class UserCommands {

    private UserCommands() {
    }

    @Command(name = "user", aliases = "users", description = "Create a user (admins only).")
    static final class CreateUser extends ApiCommand {

        @Parameters(paramLabel = "NAME", description = "The name they sign in with: letters, digits and . _ @ + -")
        String name;

        @Option(names = "--display-name", paramLabel = "TEXT", description = "Their full name, as pages show it.")
        String displayName;

        @Option(names = "--admin", description = "Make them an admin: every permission, everywhere.")
        boolean admin;

        @Option(names = "--password-stdin",
                description = "Give them a password: asked twice at a terminal, else read from standard input.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            ObjectNode body = body().put("name", name);
            Fields.putIfGiven(body, "display_name", displayName);
            if (passwordStdin) {
                char[] password = secret("Password for " + name + ": ", true, true);
                body.put("password", new String(password));
                java.util.Arrays.fill(password, '\0');
            }
            if (admin) {
                body.put("admin", true);
            }
            return create(Kind.USER, body);
        }
    }

    @Command(name = "users", aliases = "user", description = "List users (admins only).")
    static final class ListUsers extends ApiCommand {

        @Override
        public Integer call() {
            return list(Kind.USER, Kind.USER.listPath(), UserCommands::table);
        }
    }

    @Command(name = "user", aliases = "users", description = "Show a user and their teams.")
    static final class ShowUser extends ApiCommand {

        @Parameters(paramLabel = "USER", description = "The user's name or uuid.")
        String user;

        @Override
        public Integer call() {
            return show(Kind.USER, user, UserCommands::details);
        }
    }

    @Command(name = "user", aliases = "users",
            description = "Delete a user: their tokens and sessions stop working; the audit log keeps their name.")
    static final class DeleteUser extends ApiCommand {

        @Parameters(paramLabel = "USER", description = "The user's name or uuid.")
        String user;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation at a terminal.")
        boolean yes;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.USER, user);
            confirm(yes, "Delete user " + item.describe() + "? Their tokens stop working.");
            return delete(Kind.USER, item);
        }
    }

    static Table table(List<JsonNode> users) {
        Table table = Table.withColumns("UUID", "NAME", "DISPLAY NAME", "ADMIN", "SOURCE", "TEAMS", "CREATED AT");
        users.forEach(user -> table.row(text(user, "uuid"), text(user, "name"),
                LoginCommands.blankAsNull(text(user, "display_name")), Fields.yesNo(user, "admin"), text(user, "source"),
                PeopleText.teams(user.path("teams")), time(user, "created_at")));
        return table;
    }

    static Details details(JsonNode user) {
        return new Details()
                .field("UUID", text(user, "uuid"))
                .field("Name", text(user, "name"))
                .field("Display name", LoginCommands.blankAsNull(text(user, "display_name")))
                .field("Admin", Fields.yesNo(user, "admin"))
                .field("Source", text(user, "source"))
                .field("Created at", time(user, "created_at"))
                .field("Teams", PeopleText.teams(user.path("teams")));
    }
}
