package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Commands on schedules: when jobs run, written in the timespec language ("daily at 4am"). */
final class ScheduleCommands {

    private ScheduleCommands() {
    }

    @Command(name = "schedule", aliases = "schedules", description = "Create a schedule.")
    static final class CreateSchedule extends ApiCommand {

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The schedule's name.")
        String name;

        @Option(names = "--summary", paramLabel = "TEXT", description = "What the schedule is for.")
        String summary;

        @Option(names = "--when", required = true, paramLabel = "TIMESPEC",
                description = "When it fires, e.g. 'daily at 4am', 'sundays at 2:30', 'hourly at :15'.")
        String when;

        @Option(names = "--timezone", paramLabel = "ZONE",
                description = "The time zone TIMESPEC is read in, e.g. Europe/Paris (default: the server's).")
        String timezone;

        @Override
        public Integer call() {
            ObjectNode body = body().put("name", name);
            Fields.putIfGiven(body, "summary", summary);
            body.put("when", when);
            Fields.putIfGiven(body, "timezone", timezone);
            return create(Kind.SCHEDULE, body);
        }
    }

    @Command(name = "schedules", aliases = "schedule", description = "List schedules.")
    static final class ListSchedules extends ApiCommand {

        @ArgGroup(exclusive = true)
        Filters.Usage usage;

        @Override
        public Integer call() {
            return list(Kind.SCHEDULE, Kind.SCHEDULE.listPath().with("unused", Filters.Usage.unused(usage)),
                    ScheduleCommands::table);
        }
    }

    @Command(name = "schedule", aliases = "schedules", description = "Show a schedule and its next runs.")
    static final class ShowSchedule extends ApiCommand {

        @Parameters(paramLabel = "SCHEDULE", description = "The schedule's name or uuid.")
        String schedule;

        @Override
        public Integer call() {
            return show(Kind.SCHEDULE, schedule, ScheduleCommands::details);
        }
    }

    @Command(name = "schedule", aliases = "schedules",
            description = "Change a schedule; what is not given stays as it is.")
    static final class EditSchedule extends ApiCommand {

        @Parameters(paramLabel = "SCHEDULE", description = "The schedule's name or uuid.")
        String schedule;

        @Option(names = "--name", paramLabel = "NAME", description = "A new name.")
        String name;

        @Option(names = "--summary", paramLabel = "TEXT", description = "A new summary.")
        String summary;

        @Option(names = "--when", paramLabel = "TIMESPEC", description = "A new timespec.")
        String when;

        @Option(names = "--timezone", paramLabel = "ZONE", description = "Another time zone.")
        String timezone;

        @Override
        public Integer call() {
            requireChanges();
            Resolved item = resolve(Kind.SCHEDULE, schedule);
            JsonNode current = fetch(Kind.SCHEDULE, item);
            ObjectNode body = body();
            Fields.putOrKeep(body, "name", name, current);
            Fields.putSummary(body, summary, current);
            Fields.putOrKeep(body, "when", when, current);
            Fields.putOrKeep(body, "timezone", timezone, current);
            return update(Kind.SCHEDULE, item, body);
        }
    }

    @Command(name = "schedule", aliases = "schedules", description = "Delete a schedule that no job uses.")
    static final class DeleteSchedule extends ApiCommand {

        @Parameters(paramLabel = "SCHEDULE", description = "The schedule's name or uuid.")
        String schedule;

        @Override
        public Integer call() {
            return delete(Kind.SCHEDULE, schedule);
        }
    }

    static Table table(List<JsonNode> schedules) {
        Table table = Table.withColumns("UUID", "NAME", "WHEN", "TIMEZONE", "NEXT RUN", "SUMMARY");
        schedules.forEach(schedule -> table.row(text(schedule, "uuid"), text(schedule, "name"),
                text(schedule, "when"), text(schedule, "timezone"), nextRuns(schedule).stream().findFirst().orElse(null),
                text(schedule, "summary")));
        return table;
    }

    static Details details(JsonNode schedule) {
        List<String> nextRuns = nextRuns(schedule);
        return new Details()
                .field("UUID", text(schedule, "uuid"))
                .field("Name", text(schedule, "name"))
                .field("Summary", text(schedule, "summary"))
                .field("When", text(schedule, "when"))
                .field("Timezone", text(schedule, "timezone"))
                .field("Canonical", text(schedule, "canonical"))
                .field("Next runs", nextRuns.isEmpty() ? null : String.join("\n", nextRuns));
    }

    private static List<String> nextRuns(JsonNode schedule) {
        List<String> runs = new ArrayList<>();
        schedule.path("next_runs").forEach(run -> runs.add(run.asString()));
        return runs;
    }
}
