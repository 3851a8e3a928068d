package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The requests each command sends, the token it presents, and how it reports what the server refused. */
class ApiRequestsTest {

    private static final String TARGET = "2f42d0b3-449a-4d0e-8576-a40cc552d7e5";
    private static final String JOB = "af0b40b2-8f7b-46e4-b425-9730c677e625";
    private static final String WEEKLY = "36f50f26-b007-433a-a67a-bdffbd0746c8";

    private final FakeCairn fake = FakeCairn.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void aRefusalPrintsTheServersErrorAndTheMissingFields() {
        fake.on("POST", "/v1/targets", request -> new FakeCairn.Reply(400,
                "{\"error\":\"missing required fields\",\"missing\":[\"plugin\",\"endpoint\"]}"));

        CliRun run = CliRun.against(fake, "create", "target", "--name", "web", "--plugin", "", "--endpoint", "{}");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: missing required fields (missing: plugin, endpoint)\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void aConflictPrintsTheServersError() {
        fake.on("DELETE", "/v1/target/" + TARGET, request -> new FakeCairn.Reply(409,
                "{\"error\":\"target web is used by job nightly\"}"));

        CliRun run = CliRun.against(fake, "delete", "target", TARGET);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: target web is used by job nightly\n");
    }

    @Test
    void anErrorWithoutJsonStillSaysWhatFailed() {
        fake.on("GET", "/v1/stores", request -> new FakeCairn.Reply(502, "<html>Bad Gateway</html>"));

        CliRun run = CliRun.against(fake, "list", "stores");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: GET /v1/stores failed with HTTP 502\n");
    }

    @Test
    void aServerThatIsNotRunningGetsAHintToStartOne() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String url = "http://127.0.0.1:" + closedPort;

        CliRun run = CliRun.of(Map.of("CAIRN_URL", url), Path.of("."), "list", "jobs");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo(
                "error: cannot reach Cairn at " + url + " (is the server running? start one with ./cairn dev)\n");
    }

    @Test
    void theTokenComesFromTheOptionBeforeTheEnvironment() {
        fake.on("GET", "/v1/plugins", "[]");

        CliRun.of(Map.of("CAIRN_URL", fake.url(), "CAIRN_TOKEN", "from-env"), Path.of("."),
                "list", "plugins", "--token", "from-option");
        CliRun.of(Map.of("CAIRN_URL", fake.url(), "CAIRN_TOKEN", "from-env"), Path.of("."), "list", "plugins");

        assertThat(fake.requests()).extracting(FakeCairn.Request::authorization)
                .containsExactly("Bearer from-option", "Bearer from-env");
    }

    @Test
    void theTokenComesFromATokenFileOrTheDevServersFile(@TempDir Path directory) throws IOException {
        fake.on("GET", "/v1/plugins", "[]");
        Files.writeString(directory.resolve("token"), "from-file\n");
        Files.createDirectories(directory.resolve(".cairn-dev"));
        Files.writeString(directory.resolve(".cairn-dev/admin.token"), "from-dev-server\n");

        CliRun.of(Map.of("CAIRN_URL", fake.url(), "CAIRN_TOKEN_FILE", directory.resolve("token").toString()),
                directory, "list", "plugins");
        CliRun.of(Map.of("CAIRN_URL", fake.url()), directory, "list", "plugins");
        CliRun.of(Map.of("CAIRN_URL", fake.url()), directory.resolve(".cairn-dev"), "list", "plugins");

        assertThat(fake.requests()).extracting(FakeCairn.Request::authorization)
                .containsExactly("Bearer from-file", "Bearer from-dev-server", null);
    }

    @Test
    void anUnreadableTokenFileIsAnError(@TempDir Path directory) {
        CliRun run = CliRun.of(Map.of("CAIRN_URL", fake.url(), "CAIRN_TOKEN_FILE", "missing.token"),
                directory, "list", "plugins");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: cannot read the API token from " + directory.resolve("missing.token")
                + " (CAIRN_TOKEN_FILE)");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void editingATargetSendsTheWholeItemBackWithTheChangeAndTheMaskedSecret() {
        fake.on("GET", "/v1/target/" + TARGET, """
                {"uuid":"%s","name":"orders","summary":"the orders db","plugin":"postgres",
                 "endpoint":"{\\"host\\":\\"db1\\",\\"password\\":\\"********\\"}","agent":""}""".formatted(TARGET))
                .on("PUT", "/v1/target/" + TARGET, "{\"ok\":\"updated\"}");

        CliRun run = CliRun.against(fake, "edit", "target", TARGET, "--name", "orders-db");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("updated target orders-db (" + TARGET + ")\n");
        assertThat(fake.only("PUT", "/v1/target/" + TARGET).json().toString()).isEqualTo(
                "{\"name\":\"orders-db\",\"summary\":\"the orders db\",\"plugin\":\"postgres\","
                        + "\"endpoint\":\"{\\\"host\\\":\\\"db1\\\",\\\"password\\\":\\\"********\\\"}\",\"agent\":\"\"}");
    }

    @Test
    void editingSendsAnEmptySummaryWhenTheItemHasNone() {
        String uuid = "c5aed303-a6fc-4b68-b0e9-81431cc07a4e";
        fake.on("GET", "/v1/retention/" + uuid, "{\"uuid\":\"" + uuid + "\",\"name\":\"month\",\"summary\":null,"
                        + "\"expires\":2419200}")
                .on("PUT", "/v1/retention/" + uuid, "{\"ok\":\"updated\"}");

        CliRun run = CliRun.against(fake, "edit", "retention", "policy", uuid, "--expires", "2w");

        assertThat(run.exitCode()).isZero();
        assertThat(fake.only("PUT", "/v1/retention/" + uuid).json().toString())
                .isEqualTo("{\"name\":\"month\",\"summary\":\"\",\"expires\":1209600}");
    }

    @Test
    void editingAJobSendsEveryReferenceAsAUuidAndNotPaused() {
        fake.on("GET", "/v1/job/" + JOB, """
                {"uuid":"%s","name":"nightly","summary":"orders","paused":true,
                 "target_uuid":"t-1","store_uuid":"s-1","schedule_uuid":"sc-1","retention_uuid":"r-1"}""".formatted(JOB))
                .on("GET", "/v1/schedules", "[{\"uuid\":\"" + WEEKLY + "\",\"name\":\"weekly\"}]")
                .on("PUT", "/v1/job/" + JOB, "{\"ok\":\"updated\"}");

        CliRun run = CliRun.against(fake, "edit", "job", JOB, "--schedule", "weekly", "--summary", "orders, weekly");

        assertThat(run.exitCode()).isZero();
        assertThat(fake.only("PUT", "/v1/job/" + JOB).json().toString()).isEqualTo(
                "{\"name\":\"nightly\",\"summary\":\"orders, weekly\",\"target\":\"t-1\",\"store\":\"s-1\","
                        + "\"schedule\":\"" + WEEKLY + "\",\"retention\":\"r-1\"}");
    }

    @Test
    void verifyAloneMeansTrueOnEditAsOnCreate() {
        fake.on("GET", "/v1/job/" + JOB, """
                {"uuid":"%s","name":"nightly","summary":"","paused":false,
                 "target_uuid":"t-1","store_uuid":"s-1","schedule_uuid":"sc-1","retention_uuid":"r-1"}""".formatted(JOB))
                .on("PUT", "/v1/job/" + JOB, "{\"ok\":\"updated\"}");

        CliRun run = CliRun.against(fake, "edit", "job", JOB, "--verify");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.only("PUT", "/v1/job/" + JOB).json().path("verify").booleanValue()).isTrue();
        assertThat(fake.only("PUT", "/v1/job/" + JOB).json().path("summary").stringValue()).isEmpty();
    }

    @Test
    void variantsAreSetOnEditAndEmptiedWithAnEmptyList() {
        fake.on("GET", "/v1/job/" + JOB, """
                {"uuid":"%s","name":"nightly","summary":"","paused":false,"variants":[],
                 "target_uuid":"t-1","store_uuid":"s-1","schedule_uuid":"sc-1","retention_uuid":"r-1"}""".formatted(JOB))
                .on("PUT", "/v1/job/" + JOB, "{\"ok\":\"updated\"}");

        CliRun run = CliRun.against(fake, "edit", "job", JOB, "--variants", "sanitised,small");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.only("PUT", "/v1/job/" + JOB).json().path("variants").toString()).isEqualTo("[\"sanitised\",\"small\"]");
    }

    @Test
    void testingATargetPostsToItsTestPathAndSaysWhatItReached() {
        fake.on("GET", "/v1/targets", "[{\"uuid\":\"" + TARGET + "\",\"name\":\"orders\"}]")
                .on("POST", "/v1/target/" + TARGET + "/test", "{\"ok\":\"connected to app@db1:5432/orders, PostgreSQL 16.4\"}");

        CliRun run = CliRun.against(fake, "test", "target", "orders");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("target orders (" + TARGET + ") connects: connected to app@db1:5432/orders, PostgreSQL 16.4\n");
        assertThat(fake.only("POST", "/v1/target/" + TARGET + "/test").json().toString()).isEqualTo("{}");
    }

    @Test
    void aTargetThatDoesNotConnectPrintsWhatIsWrongAndExitsOne() {
        fake.on("POST", "/v1/target/" + TARGET + "/test", request -> new FakeCairn.Reply(422,
                "{\"error\":\"cannot connect to app@db1:5432/orders: wrong user or password\"}"));

        CliRun run = CliRun.against(fake, "test", "target", TARGET);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: cannot connect to app@db1:5432/orders: wrong user or password\n");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void withJsonAnErrorIsJsonToo() {
        fake.on("DELETE", "/v1/target/" + TARGET, request -> new FakeCairn.Reply(409,
                "{\"error\":\"target web is used by job nightly\"}"));

        CliRun run = CliRun.against(fake, "delete", "target", TARGET, "--json");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("{\"error\":\"target web is used by job nightly\"}\n");
    }

    @Test
    void aRestoreAtATerminalIsAskedFirstAndADeclineChangesNothing() {
        String archive = "9ee4b579-19ba-4fa5-94e1-e5b2a4d8e85a";
        List<String> questions = new ArrayList<>();

        CliRun run = CliRun.against(fake, question -> questions.add(question) && false, "restore", "archive", archive);

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("not confirmed: nothing was changed");
        assertThat(questions).singleElement().asString().contains(archive, "replaced");
        assertThat(fake.requestLines()).isEmpty();
    }

    @Test
    void yesSkipsTheQuestionAndADeleteGoesAhead() {
        String archive = "9ee4b579-19ba-4fa5-94e1-e5b2a4d8e85a";
        fake.on("DELETE", "/v1/archive/" + archive, "{\"ok\":\"deleted\"}");

        CliRun run = CliRun.against(fake, question -> {
            throw new AssertionError("asked: " + question);
        }, "delete", "archive", archive, "--yes");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.requestLines()).containsExactly("DELETE /v1/archive/" + archive);
    }

    @Test
    void editingAnArchiveSendsOnlyItsNotes() {
        String archive = "9ee4b579-19ba-4fa5-94e1-e5b2a4d8e85a";
        fake.on("PUT", "/v1/archive/" + archive, "{\"ok\":\"updated\"}");

        CliRun run = CliRun.against(fake, "edit", "archive", archive, "--notes", "before change #422");

        assertThat(run.out()).isEqualTo("updated archive " + archive + "\n");
        assertThat(fake.only("PUT", "/v1/archive/" + archive).json().toString())
                .isEqualTo("{\"notes\":\"before change #422\"}");
    }

    @Test
    void creatingARetentionPolicySendsTheDurationInSeconds() {
        fake.on("POST", "/v1/retention", "{\"ok\":\"created\",\"uuid\":\"c5aed303-a6fc-4b68-b0e9-81431cc07a4e\"}");

        CliRun run = CliRun.against(fake, "create", "retention", "policy", "--name", "quarter", "--expires", "12w",
                "--summary", "kept for audits");

        assertThat(run.out()).isEqualTo("created retention policy quarter (c5aed303-a6fc-4b68-b0e9-81431cc07a4e)\n");
        assertThat(fake.only("POST", "/v1/retention").json().toString())
                .isEqualTo("{\"name\":\"quarter\",\"summary\":\"kept for audits\",\"expires\":7257600}");
    }

    @Test
    void creatingAndEditingARetentionPolicySendTheKeepRulesGiven() {
        String uuid = "c5aed303-a6fc-4b68-b0e9-81431cc07a4e";
        fake.on("POST", "/v1/retention", "{\"ok\":\"created\",\"uuid\":\"" + uuid + "\"}")
                .on("GET", "/v1/retention/" + uuid, "{\"uuid\":\"" + uuid + "\",\"name\":\"gfs\",\"summary\":\"\","
                        + "\"expires\":86400,\"keep_daily\":7,\"keep_weekly\":4,\"keep_monthly\":12,\"keep_yearly\":0}")
                .on("PUT", "/v1/retention/" + uuid, "{\"ok\":\"updated\"}");

        assertThat(CliRun.against(fake, "create", "retention", "policy", "--name", "gfs", "--expires", "1d",
                "--keep-daily", "7", "--keep-weekly", "4", "--keep-monthly", "12").exitCode()).isZero();
        assertThat(fake.only("POST", "/v1/retention").json().toString()).isEqualTo(
                "{\"name\":\"gfs\",\"expires\":86400,\"keep_daily\":7,\"keep_weekly\":4,\"keep_monthly\":12}");

        assertThat(CliRun.against(fake, "edit", "retention", "policy", uuid, "--keep-yearly", "3").exitCode()).isZero();
        assertThat(fake.only("PUT", "/v1/retention/" + uuid).json().toString()).isEqualTo(
                "{\"name\":\"gfs\",\"summary\":\"\",\"expires\":86400,\"keep_yearly\":3}");

        CliRun shown = CliRun.against(fake, "show", "retention", "policy", uuid);
        assertThat(shown.out()).contains("the newest archive of each of the last 7 days, 4 weeks, 12 months");
    }

    @Test
    void creatingATargetSendsTheEndpointAsAJsonEncodedString() {
        fake.on("POST", "/v1/targets", "{\"ok\":\"created\",\"uuid\":\"" + TARGET + "\"}");

        CliRun run = CliRun.against(fake, "create", "target", "--name", "www", "--plugin", "fs",
                "--endpoint", "{ \"path\": \"/srv/www\" }");

        assertThat(run.exitCode()).isZero();
        assertThat(fake.only("POST", "/v1/targets").json().path("endpoint").asString())
                .isEqualTo("{\"path\":\"/srv/www\"}");
        assertThat(fake.only("POST", "/v1/targets").json().has("agent")).isFalse();
    }

    @Test
    void pausingUnpausingAndCancelingPostToTheirPaths() {
        String task = "5e2c416d-36f7-484a-8a2a-3d3d567d55d6";
        fake.on("GET", "/v1/jobs", "[{\"uuid\":\"" + JOB + "\",\"name\":\"nightly\"}]")
                .on("POST", "/v1/job/" + JOB + "/pause", "{\"ok\":\"paused\"}")
                .on("POST", "/v1/job/" + JOB + "/unpause", "{\"ok\":\"unpaused\"}")
                .on("DELETE", "/v1/task/" + task, "{\"ok\":\"canceled\"}");

        CliRun pause = CliRun.against(fake, "pause", "job", "nightly");
        CliRun unpause = CliRun.against(fake, "unpause", "jobs", "nightly");
        CliRun cancel = CliRun.against(fake, "cancel", "task", task);

        assertThat(pause.out()).isEqualTo("paused job nightly (" + JOB + ")\n");
        assertThat(unpause.out()).isEqualTo("unpaused job nightly (" + JOB + ")\n");
        assertThat(cancel.out()).isEqualTo("canceled task " + task + "\n");
        assertThat(fake.requestLines()).containsExactly("GET /v1/jobs", "POST /v1/job/" + JOB + "/pause",
                "GET /v1/jobs", "POST /v1/job/" + JOB + "/unpause", "DELETE /v1/task/" + task);
    }

    @Test
    void tasksListByDefaultThoseStillToFinishInTheOrderTheyWereAskedFor() {
        fake.on("GET", "/v1/tasks", request -> FakeCairn.Reply.ok(switch (request.query().getOrDefault("status", "")) {
            case "pending" -> "[{\"uuid\":\"p-2\",\"type\":\"backup\",\"status\":\"pending\","
                    + "\"requested_at\":\"2026-11-22 04:00:09\"}]";
            case "running" -> "[{\"uuid\":\"r-1\",\"type\":\"restore\",\"status\":\"running\","
                    + "\"requested_at\":\"2026-11-22 04:00:01\"}]";
            default -> "[]";
        }));

        CliRun unfinished = CliRun.against(fake, "list", "tasks");
        CliRun all = CliRun.against(fake, "list", "tasks", "--all");

        assertThat(unfinished.out().lines().skip(1).map(line -> line.substring(0, 3)).toList())
                .containsExactly("r-1", "p-2");
        assertThat(all.out()).isEqualTo("no tasks\n");
        assertThat(fake.requestLines()).containsExactly(
                "GET /v1/tasks?status=pending", "GET /v1/tasks?status=running", "GET /v1/tasks");
    }

    @Test
    void archivesOfAJobNamedByNameAskTheServerForThatJobsUuidAndALimit() {
        fake.on("GET", "/v1/jobs", "[{\"uuid\":\"" + JOB + "\",\"name\":\"nightly\"}]")
                .on("GET", "/v1/archives", "[]");

        CliRun run = CliRun.against(fake, "list", "archives", "--job", "nightly", "--limit", "5");

        assertThat(run.exitCode()).isZero();
        assertThat(fake.requestLines()).containsExactly("GET /v1/jobs", "GET /v1/archives?job=" + JOB + "&limit=5");
    }

    @Test
    void archivesOfAJobThatDoesNotExistAreRefusedBeforeListing() {
        fake.on("GET", "/v1/jobs", "[]");

        CliRun run = CliRun.against(fake, "list", "archives", "--job", "weekly");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("weekly");
        assertThat(fake.requestLines()).containsExactly("GET /v1/jobs");
    }
}
