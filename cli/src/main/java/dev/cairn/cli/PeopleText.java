package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** How users' teams and teams' members read for people. */
final class PeopleText {

    private PeopleText() {
    }

    /** "ops (operator), web (viewer)" from a list of {@code {"name", "role"}}; null when it is empty or absent. */
    static String teams(JsonNode memberships) {
        if (!memberships.isArray() || memberships.isEmpty()) {
            return null;
        }
        List<String> shown = new ArrayList<>();
        memberships.forEach(m -> shown.add(text(m, "name") + " (" + text(m, "role") + ")"));
        return String.join(", ", shown);
    }

    /** The members of a team as a table, or null when it has none. */
    static String members(JsonNode members) {
        if (!members.isArray() || members.isEmpty()) {
            return null;
        }
        Table table = Table.withColumns("NAME", "ROLE", "UUID");
        members.forEach(m -> table.row(text(m, "name"), text(m, "role"), text(m, "uuid")));
        return table.render();
    }
}
