package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** --wait: follow the task a run or restore scheduled, printing its log, until it stops. */
class TaskFollowingTest {

    private static final String JOB = "af0b40b2-8f7b-46e4-b425-9730c677e625";
    private static final String TASK = "5e2c416d-36f7-484a-8a2a-3d3d567d55d6";
    private static final String ARCHIVE = "9ee4b579-19ba-4fa5-94e1-e5b2a4d8e85a";
    private static final String OTHER_TARGET = "443e2ce1-de2e-4369-a497-add3dd970d4d";

    private final FakeCairn fake = FakeCairn.start()
            .on("GET", "/v1/jobs", "[{\"uuid\":\"" + JOB + "\",\"name\":\"nightly\"}]")
            .on("POST", "/v1/job/" + JOB + "/run", "{\"ok\":\"scheduled\",\"task_uuid\":\"" + TASK + "\"}")
            .on("POST", "/v1/archive/" + ARCHIVE + "/restore", "{\"ok\":\"scheduled\",\"task_uuid\":\"" + TASK + "\"}")
            .on("GET", "/v1/targets", "[{\"uuid\":\"" + OTHER_TARGET + "\",\"name\":\"staging-db\"}]");

    @AfterEach
    void stopFake() {
        fake.close();
    }

    /** Serves the task's log in the pieces given, a piece per poll, ending in {@code finalStatus}. */
    private void taskLogIn(String finalStatus, String... pieces) {
        fake.on("GET", "/v1/task/" + TASK, request -> {
            if (!request.query().containsKey("log_offset")) {
                return FakeCairn.Reply.ok(task(finalStatus, String.join("", pieces), null));
            }
            int offset = Integer.parseInt(request.query().get("log_offset"));
            int shown = 0;
            int piece = 0;
            while (piece < pieces.length && shown < offset) {
                shown += pieces[piece++].length();
            }
            boolean last = piece >= pieces.length - 1;
            String log = piece < pieces.length ? pieces[piece] : "";
            return FakeCairn.Reply.ok(task(last ? finalStatus : "running", log, (long) offset + log.length()));
        });
    }

    private static String task(String status, String log, Long nextOffset) {
        var task = JsonMapper.shared().createObjectNode()
                .put("uuid", TASK).put("type", "backup").put("status", status).put("log", log);
        if (nextOffset != null) {
            task.put("next_log_offset", nextOffset);
        }
        return task.toString();
    }

    private List<String> polledOffsets() {
        return fake.requests().stream()
                .filter(request -> request.path().equals("/v1/task/" + TASK))
                .map(request -> request.query().get("log_offset"))
                .toList();
    }

    @Test
    void printsTheLogAsItGrowsAndExitsZeroWhenTheTaskIsDone() {
        taskLogIn("done", "dumping web\n", "50% ", "stored 1.2 MiB\n");

        CliRun run = CliRun.against(fake, "run", "job", "nightly", "--wait", "--owner", "ops");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("scheduled a backup of job nightly (" + JOB + "): following task " + TASK + "\n"
                + "dumping web\n50% stored 1.2 MiB\n"
                + "task " + TASK + " done\n");
        assertThat(run.err()).isEmpty();
        assertThat(polledOffsets()).containsExactly("0", "12", "16");
        assertThat(fake.only("POST", "/v1/job/" + JOB + "/run").json().toString()).isEqualTo("{\"owner\":\"ops\"}");
    }

    @Test
    void aFailedTaskExitsOneAndSaysSoOnStandardError() {
        taskLogIn("failed", "dumping web\n", "pg_dump: connection refused");

        CliRun run = CliRun.against(fake, "run", "job", JOB, "--wait");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.out()).endsWith("dumping web\npg_dump: connection refused\n");
        assertThat(run.err()).isEqualTo("task " + TASK + " failed\n");
    }

    @Test
    void aCanceledTaskExitsOne() {
        taskLogIn("canceled", "waiting for a slot\n");

        CliRun run = CliRun.against(fake, "run", "job", "nightly", "--wait");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("task " + TASK + " canceled\n");
    }

    @Test
    void aServerThatAlwaysSendsTheWholeLogHasEachLinePrintedOnce() {
        String[] states = {"pending", "running", "running", "done"};
        String[] logs = {"", "one\n", "one\ntwo\n", "one\ntwo\nthree\n"};
        int[] poll = {0};
        fake.on("GET", "/v1/task/" + TASK, request -> {
            int at = Math.min(poll[0]++, states.length - 1);
            return FakeCairn.Reply.ok(task(states[at], logs[at], null));
        });

        CliRun run = CliRun.against(fake, "run", "job", "nightly", "--wait");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("\none\ntwo\nthree\ntask ");
        assertThat(polledOffsets()).containsExactly("0", "0", "4", "8");
    }

    @Test
    void aRestoreIntoAnotherTargetCanBeFollowedToo() {
        taskLogIn("done", "restoring\n");

        CliRun run = CliRun.against(fake, "restore", "archive", ARCHIVE, "--to", "staging-db", "--wait");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).startsWith("scheduled a restore of archive " + ARCHIVE + " into target staging-db")
                .contains("restoring\n");
        assertThat(fake.only("POST", "/v1/archive/" + ARCHIVE + "/restore").json().toString())
                .isEqualTo("{\"target\":\"" + OTHER_TARGET + "\"}");
    }

    @Test
    void withoutWaitTheTaskIsOnlyReported() {
        CliRun run = CliRun.against(fake, "run", "job", "nightly");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("scheduled a backup of job nightly (" + JOB + "): task " + TASK + "\n");
        assertThat(polledOffsets()).isEmpty();
        assertThat(fake.only("POST", "/v1/job/" + JOB + "/run").json().toString()).isEqualTo("{}");
    }

    @Test
    void withJsonTheWholeFinishedTaskIsPrintedAndNothingElse() {
        taskLogIn("done", "a\n", "b\n");

        CliRun run = CliRun.against(fake, "run", "job", "nightly", "--wait", "--json");

        assertThat(run.exitCode()).isZero();
        assertThat(JsonMapper.shared().readTree(run.out()).path("log").asString()).isEqualTo("a\nb\n");
    }

    @Test
    void theFollowerAsksForTheLogFromWhereItLeftOff() {
        taskLogIn("done", "x", "yy", "zzz");
        StringBuilder log = new StringBuilder();
        Connection connection = Connection.bearer(URI.create(fake.url()), "test-token");
        try (CairnApi api = new CairnApi(connection, JsonMapper.shared())) {
            JsonNode last = new TaskFollower(api, Duration.ZERO, log::append).follow(TASK);

            assertThat(Fields.text(last, "status")).isEqualTo("done");
        }
        assertThat(log).hasToString("xyyzzz");
        assertThat(polledOffsets()).containsExactly("0", "1", "3");
    }
}
