package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;
import static dev.cairn.cli.Fields.time;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Commands on jobs: a job backs a target up into a store on a schedule, and keeps each archive
 * as long as its retention policy says.
 */
final class JobCommands {

    private JobCommands() {
    }

    @Command(name = "job", aliases = "jobs", description = "Create a job.")
    static final class CreateJob extends ApiCommand {

        @Option(names = "--name", required = true, paramLabel = "NAME", description = "The job's name.")
        String name;

        @Option(names = "--summary", paramLabel = "TEXT", description = "What the job is for, e.g. a ticket.")
        String summary;

        @Option(names = "--target", required = true, paramLabel = "TARGET", description = "What to back up.")
        String target;

        @Option(names = "--store", required = true, paramLabel = "STORE", description = "Where archives go.")
        String store;

        @Option(names = "--schedule", required = true, paramLabel = "SCHEDULE", description = "When the job runs.")
        String schedule;

        @Option(names = {"--retention", "--retention-policy"}, required = true, paramLabel = "POLICY",
                description = "How long archives are kept.")
        String retention;

        @Option(names = "--paused", description = "Create the job paused: it runs only when asked to.")
        boolean paused;

        @Option(names = "--copies", split = ",", paramLabel = "STORE",
                description = "Further stores every backup is also written to (comma-separated or repeated).")
        List<String> copies = List.of();

        @Option(names = "--verify", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
                description = "Verify each backup once it is stored (--verify alone means true).")
        boolean verify;

        @Option(names = "--variants", split = ",", paramLabel = "NAME",
                description = "Sanitised variants made by the target's rules after each good backup (e.g. sanitised).")
        List<String> variants = List.of();

        @Override
        public Integer call() {
            ObjectNode body = body().put("name", name);
            Fields.putIfGiven(body, "summary", summary);
            body.put("target", resolve(Kind.TARGET, target).uuid())
                    .put("store", resolve(Kind.STORE, store).uuid())
                    .put("schedule", resolve(Kind.SCHEDULE, schedule).uuid())
                    .put("retention", resolve(Kind.RETENTION, retention).uuid())
                    .put("paused", paused);
            if (verify) {
                body.put("verify", true);
            }
            if (!copies.isEmpty()) {
                ArrayNode stores = body.putArray("copies");
                copies.forEach(copy -> stores.add(resolve(Kind.STORE, copy).uuid()));
            }
            if (!variants.isEmpty()) {
                ArrayNode names = body.putArray("variants");
                variants.forEach(names::add);
            }
            return create(Kind.JOB, body);
        }
    }

    @Command(name = "jobs", aliases = "job", description = "List jobs.")
    static final class ListJobs extends ApiCommand {

        @ArgGroup(exclusive = true)
        Filters.Paused paused;

        @Option(names = "--target", paramLabel = "TARGET", description = "Only jobs backing up this target.")
        String target;

        @Option(names = "--store", paramLabel = "STORE", description = "Only jobs keeping archives in this store.")
        String store;

        @Option(names = "--schedule", paramLabel = "SCHEDULE", description = "Only jobs on this schedule.")
        String schedule;

        @Option(names = {"--retention", "--retention-policy"}, paramLabel = "POLICY",
                description = "Only jobs under this retention policy.")
        String retention;

        @Override
        public Integer call() {
            return list(Kind.JOB, Kind.JOB.listPath()
                    .with("target", uuidOf(Kind.TARGET, target))
                    .with("store", uuidOf(Kind.STORE, store))
                    .with("schedule", uuidOf(Kind.SCHEDULE, schedule))
                    .with("retention", uuidOf(Kind.RETENTION, retention))
                    .with("paused", Filters.Paused.paused(paused)), JobCommands::table);
        }
    }

    @Command(name = "job", aliases = "jobs", description = "Show a job.")
    static final class ShowJob extends ApiCommand {

        @Parameters(paramLabel = "JOB", description = "The job's name or uuid.")
        String job;

        @Option(names = "--stats", description = "Also show how its backups went: success rates over 7 and 30 days, "
                + "the mean time between failures and its last runs.")
        boolean stats;

        @Option(names = "--runs", paramLabel = "N", defaultValue = "30",
                description = "With --stats, how many of the last runs to list (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() {
            if (!stats) {
                return show(Kind.JOB, job, JobCommands::details);
            }
            Resolved item = resolve(Kind.JOB, job);
            JsonNode found = fetch(Kind.JOB, item);
            JsonNode statistics = api().get(Kind.JOB.itemPath(item.uuid()) + "/stats?runs=" + runs);
            if (terminal().json()) {
                ObjectNode both = body();
                both.set("job", found);
                both.set("stats", statistics);
                terminal().printJson(both);
            } else {
                terminal().print(withStats(details(found), statistics));
            }
            return 0;
        }
    }

    /** The job's details followed by its statistics and a table of its last runs. */
    static Details withStats(Details details, JsonNode stats) {
        details.field("Success (7 days)", rate(stats.path("last_7_days")))
                .field("Success (30 days)", rate(stats.path("last_30_days")))
                .field("Between failures", stats.path("mean_time_between_failures").isNumber()
                        ? "mean " + DurationText.format(stats.path("mean_time_between_failures").asLong()) + " (30 days)"
                        : "fewer than two failures in 30 days")
                .field("Last success", time(stats, "last_success"))
                .field("Last failure", time(stats, "last_failure"));
        Table runs = Table.withColumns("TASK", "STATUS", "STARTED", "DURATION", "SIZE", "STORED");
        for (JsonNode run : stats.path("runs")) {
            runs.row(text(run, "task_uuid"), text(run, "status"), time(run, "started_at"),
                    DurationText.format(Math.round(run.path("duration").asDouble())),
                    run.path("archive_uuid").asString("").isEmpty() ? "-" : Fields.size(run, "size"),
                    run.path("archive_uuid").asString("").isEmpty() ? "-" : Fields.size(run, "stored_size"));
        }
        return details.section("Last runs", stats.path("runs").isEmpty() ? "none yet" : runs.render());
    }

    /** "97% (29 of 30 runs; 1 failed)", or "no runs" in a window without any. */
    private static String rate(JsonNode counts) {
        int ended = counts.path("ended").asInt();
        if (ended == 0) {
            return "no runs";
        }
        JsonNode rate = counts.path("success_rate");
        String share = rate.isNumber() ? Math.round(rate.asDouble() * 100) + "%" : "-";
        int canceled = ended - counts.path("succeeded").asInt() - counts.path("failed").asInt();
        return share + " (" + counts.path("succeeded").asInt() + " of " + ended + " runs; " + counts.path("failed").asInt()
                + " failed" + (canceled > 0 ? ", " + canceled + " canceled" : "") + ")";
    }

    @Command(name = "job", aliases = "jobs",
            description = "Change a job; what is not given stays as it is. Pause and unpause it with "
                    + "'cairn pause job' and 'cairn unpause job'.")
    static final class EditJob extends ApiCommand {

        @Parameters(paramLabel = "JOB", description = "The job's name or uuid.")
        String job;

        @Option(names = "--name", paramLabel = "NAME", description = "A new name.")
        String name;

        @Option(names = "--summary", paramLabel = "TEXT", description = "A new summary.")
        String summary;

        @Option(names = "--target", paramLabel = "TARGET", description = "Another target.")
        String target;

        @Option(names = "--store", paramLabel = "STORE", description = "Another store.")
        String store;

        @Option(names = "--schedule", paramLabel = "SCHEDULE", description = "Another schedule.")
        String schedule;

        @Option(names = {"--retention", "--retention-policy"}, paramLabel = "POLICY",
                description = "Another retention policy.")
        String retention;

        @Option(names = "--copies", split = ",", paramLabel = "STORE",
                description = "The further stores every backup is also written to, replacing the current ones; "
                        + "--copies '' for none.")
        List<String> copies;

        @Option(names = "--verify", arity = "0..1", fallbackValue = "true", paramLabel = "true|false",
                description = "Whether each backup is verified once stored (--verify alone means true).")
        Boolean verify;

        @Option(names = "--variants", split = ",", paramLabel = "NAME",
                description = "The sanitised variants made after each good backup, replacing the current ones; "
                        + "--variants '' for none.")
        List<String> variants;

        @Override
        public Integer call() {
            requireChanges();
            Resolved item = resolve(Kind.JOB, job);
            JsonNode current = fetch(Kind.JOB, item);
            ObjectNode body = body();
            Fields.putOrKeep(body, "name", name, current);
            Fields.putSummary(body, summary, current);
            body.put("target", chosen(Kind.TARGET, target, current, "target_uuid"))
                    .put("store", chosen(Kind.STORE, store, current, "store_uuid"))
                    .put("schedule", chosen(Kind.SCHEDULE, schedule, current, "schedule_uuid"))
                    .put("retention", chosen(Kind.RETENTION, retention, current, "retention_uuid"));
            if (copies != null) {
                ArrayNode stores = body.putArray("copies");
                copies.stream().filter(copy -> !copy.isBlank()).forEach(copy -> stores.add(resolve(Kind.STORE, copy).uuid()));
            }
            if (verify != null) {
                body.put("verify", verify);
            }
            if (variants != null) {
                ArrayNode names = body.putArray("variants");
                variants.stream().filter(variant -> !variant.isBlank()).forEach(names::add);
            }
            return update(Kind.JOB, item, body);
        }

        private String chosen(Kind kind, String reference, JsonNode current, String uuidField) {
            return reference != null ? resolve(kind, reference).uuid() : text(current, uuidField);
        }
    }

    @Command(name = "job", aliases = "jobs", description = "Delete a job; its archives stay until they expire.")
    static final class DeleteJob extends ApiCommand {

        @Parameters(paramLabel = "JOB", description = "The job's name or uuid.")
        String job;

        @Override
        public Integer call() {
            return delete(Kind.JOB, job);
        }
    }

    @Command(name = "job", aliases = "jobs", description = "Pause a job: its schedule stops starting backups.")
    static final class PauseJob extends ApiCommand {

        @Parameters(paramLabel = "JOB", description = "The job's name or uuid.")
        String job;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.JOB, job);
            return report(api().post(Kind.JOB.itemPath(item.uuid()) + "/pause", body()),
                    "paused job " + item.describe());
        }
    }

    @Command(name = "job", aliases = "jobs", description = "Unpause a job: its schedule starts backups again.")
    static final class UnpauseJob extends ApiCommand {

        @Parameters(paramLabel = "JOB", description = "The job's name or uuid.")
        String job;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.JOB, job);
            return report(api().post(Kind.JOB.itemPath(item.uuid()) + "/unpause", body()),
                    "unpaused job " + item.describe());
        }
    }

    @Command(name = "job", aliases = "jobs", description = "Run a job's backup now, paused or not.")
    static final class RunJob extends ApiCommand {

        @Parameters(paramLabel = "JOB", description = "The job's name or uuid.")
        String job;

        @Option(names = "--owner", paramLabel = "OWNER", description = "Who asks for the backup (default: anon).")
        String owner;

        @Option(names = "--wait", description = "Follow the backup, printing its log; exit 0 only if it succeeds.")
        boolean waitForTask;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.JOB, job);
            ObjectNode body = body();
            Fields.putIfGiven(body, "owner", owner);
            JsonNode reply = api().post(Kind.JOB.itemPath(item.uuid()) + "/run", body);
            return scheduled(reply, "a backup of job " + item.describe(), waitForTask);
        }
    }

    static Table table(List<JsonNode> jobs) {
        Table table = Table.withColumns("UUID", "NAME", "TARGET", "STORE", "SCHEDULE", "RETENTION", "PAUSED",
                "NEXT RUN", "LAST STATUS");
        jobs.forEach(job -> table.row(text(job, "uuid"), text(job, "name"), text(job, "target_name"),
                text(job, "store_name"), text(job, "schedule_name"), text(job, "retention_name"),
                Fields.yesNo(job, "paused"), time(job, "next_run"), text(job, "last_status")));
        return table;
    }

    static Details details(JsonNode job) {
        return new Details()
                .field("UUID", text(job, "uuid"))
                .field("Name", text(job, "name"))
                .field("Summary", text(job, "summary"))
                .field("Paused", Fields.yesNo(job, "paused"))
                .field("Target", withDetail(Fields.nameAndUuid(job, "target_name", "target_uuid"),
                        text(job, "target_plugin")))
                .field("Store", withDetail(Fields.nameAndUuid(job, "store_name", "store_uuid"),
                        text(job, "store_plugin")))
                .field("Schedule", withDetail(Fields.nameAndUuid(job, "schedule_name", "schedule_uuid"),
                        text(job, "schedule")))
                .field("Retention", withDetail(Fields.nameAndUuid(job, "retention_name", "retention_uuid"),
                        Fields.duration(job, "expiry")))
                .field("Copies", copies(job))
                .field("Verify", Fields.yesNo(job, "verify"))
                .field("Variants", variants(job))
                .field("Priority", text(job, "priority"))
                .field("Next run", time(job, "next_run"))
                .field("Last run", time(job, "last_run"))
                .field("Last status", text(job, "last_status"));
    }

    /** The further stores a job writes to, by name where the server knows it; "none" when there are none. */
    private static String copies(JsonNode job) {
        List<String> stores = new ArrayList<>();
        JsonNode names = job.path("copy_names");
        JsonNode uuids = job.path("copies");
        for (int i = 0; i < uuids.size(); i++) {
            String name = names.path(i).asString(null);
            stores.add(name == null ? uuids.path(i).asString() : name);
        }
        return stores.isEmpty() ? "none" : String.join(", ", stores);
    }

    /** The sanitised variants a job makes after each backup; "none" when it makes none. */
    private static String variants(JsonNode job) {
        List<String> names = new ArrayList<>();
        job.path("variants").forEach(name -> names.add(name.asString()));
        return names.isEmpty() ? "none" : String.join(", ", names);
    }

    /** "nightly (uuid): daily at 4am" — the item and the one fact about it worth seeing here. */
    private static String withDetail(String item, String detail) {
        if (item == null || detail == null) {
            return item;
        }
        return item + ": " + detail;
    }
}
