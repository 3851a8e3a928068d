package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Role;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

/**
 * Walks the API's endpoints, row by row, as a viewer, a developer and an operator of the team that
 * owns the objects, as a user of another team and as the admin. What each may do follows from the
 * role table ({@link Role#allows}) and the permission each endpoint needs (the table's second
 * column): allowed calls succeed, the others are 403 naming the missing permission, and a team's
 * objects are not found for someone outside it. Shared things (stores, schedules, retention) are
 * read by all and changed by admins only.
 */
class PermissionWalkApiTest {
    private static final String TEAM = "walk";
    @TempDir
    static Path root;
    static ApiFixture api;
    static final HeldTarget held = new HeldTarget();
    static final AtomicInteger fresh = new AtomicInteger();
    static String target;
    static String store;
    static String schedule;
    static String retention;
    static String job;
    static String heldJob;
    static String archive;
    static String task;
    static Path files;

    /** Who walks the table: their role in the team (null: not a member of it), or the admin. */
    record Who(String name, Role role, boolean admin) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** What an endpoint needs, when its objects are of another team: a 404, or a 400 for a name in a body. */
    enum Hidden { NOT_FOUND, BAD_REFERENCE, LISTED_WITHOUT }

    /**
     * One row: the call, the permission it needs (null: any signed-in user), what it answers
     * someone who cannot see the team, and its status when allowed. {@code call} prepares what it changes as the admin, then calls as the user.
     */
    record Row(String endpoint, Permission needs, Hidden hidden, int allowed, Function<ApiFixture.As, ApiReply> call) {
        Row(String endpoint, Permission needs, Hidden hidden, Function<ApiFixture.As, ApiReply> call) {
            this(endpoint, needs, hidden, 200, call);
        }

        @Override
        public String toString() {
            return endpoint;
        }
    }

    static List<Who> walkers() {
        return List.of(new Who("viewer", Role.VIEWER, false), new Who("developer", Role.DEVELOPER, false),
                new Who("operator", Role.OPERATOR, false), new Who("outsider", null, false), new Who("admin", null, true));
    }

    static List<Row> table() {
        Hidden nf = Hidden.NOT_FOUND;
        return List.of(
                new Row("GET /v1/targets", Permission.VIEW, Hidden.LISTED_WITHOUT, as -> as.get("/v1/targets")),
                new Row("GET /v1/target/{uuid}", Permission.VIEW, nf, as -> as.get("/v1/target/" + target)),
                new Row("POST /v1/targets", Permission.EDIT_CONFIG, Hidden.BAD_REFERENCE,
                        as -> as.post("/v1/targets", targetBody("new " + fresh.incrementAndGet()))),
                new Row("PUT /v1/target/{uuid}", Permission.EDIT_CONFIG, nf,
                        as -> as.put("/v1/target/" + freshTarget(), targetBody("renamed " + fresh.incrementAndGet()))),
                new Row("DELETE /v1/target/{uuid}", Permission.EDIT_CONFIG, nf, as -> as.delete("/v1/target/" + freshTarget())),
                new Row("POST /v1/target/{uuid}/test", Permission.EDIT_CONFIG, nf, as -> as.post("/v1/target/" + target + "/test", null)),
                new Row("GET /v1/jobs", Permission.VIEW, Hidden.LISTED_WITHOUT, as -> as.get("/v1/jobs")),
                new Row("GET /v1/job/{uuid}", Permission.VIEW, nf, as -> as.get("/v1/job/" + job)),
                new Row("GET /v1/job/{uuid}/stats", Permission.VIEW, nf, as -> as.get("/v1/job/" + job + "/stats")),
                new Row("POST /v1/jobs", Permission.EDIT_CONFIG, Hidden.BAD_REFERENCE,
                        as -> as.post("/v1/jobs", jobBody("new job " + fresh.incrementAndGet()))),
                new Row("PUT /v1/job/{uuid}", Permission.EDIT_CONFIG, nf,
                        as -> as.put("/v1/job/" + freshJob(), ApiFixture.without(jobBody("edited " + fresh.incrementAndGet()), "paused"))),
                new Row("DELETE /v1/job/{uuid}", Permission.EDIT_CONFIG, nf, as -> as.delete("/v1/job/" + freshJob())),
                new Row("POST /v1/job/{uuid}/pause", Permission.EDIT_CONFIG, nf, as -> as.post("/v1/job/" + job + "/pause", null)),
                new Row("POST /v1/job/{uuid}/unpause", Permission.EDIT_CONFIG, nf, as -> as.post("/v1/job/" + job + "/unpause", null)),
                new Row("POST /v1/job/{uuid}/run", Permission.RUN_BACKUP, nf,
                        as -> as.post("/v1/job/" + job + "/run", fields("owner", "walk"))),
                new Row("GET /v1/stores", null, nf, as -> as.get("/v1/stores")),
                new Row("GET /v1/store/{uuid}", null, nf, as -> as.get("/v1/store/" + store)),
                new Row("POST /v1/stores", Permission.MANAGE_SHARED, nf,
                        as -> as.post("/v1/stores", storeBody("new store " + fresh.incrementAndGet()))),
                new Row("PUT /v1/store/{uuid}", Permission.MANAGE_SHARED, nf,
                        as -> as.put("/v1/store/" + freshStore(), storeBody("renamed store " + fresh.incrementAndGet()))),
                new Row("DELETE /v1/store/{uuid}", Permission.MANAGE_SHARED, nf, as -> as.delete("/v1/store/" + freshStore())),
                new Row("POST /v1/store/{uuid}/test", Permission.MANAGE_SHARED, nf, as -> as.post("/v1/store/" + store + "/test", null)),
                new Row("GET /v1/schedules", null, nf, as -> as.get("/v1/schedules")),
                new Row("GET /v1/schedule/{uuid}", null, nf, as -> as.get("/v1/schedule/" + schedule)),
                new Row("POST /v1/schedules", Permission.MANAGE_SHARED, nf,
                        as -> as.post("/v1/schedules", scheduleBody("new schedule " + fresh.incrementAndGet()))),
                new Row("PUT /v1/schedule/{uuid}", Permission.MANAGE_SHARED, nf,
                        as -> as.put("/v1/schedule/" + freshSchedule(), scheduleBody("renamed schedule " + fresh.incrementAndGet()))),
                new Row("DELETE /v1/schedule/{uuid}", Permission.MANAGE_SHARED, nf, as -> as.delete("/v1/schedule/" + freshSchedule())),
                new Row("GET /v1/retention", null, nf, as -> as.get("/v1/retention")),
                new Row("GET /v1/retention/{uuid}", null, nf, as -> as.get("/v1/retention/" + retention)),
                new Row("POST /v1/retention", Permission.MANAGE_SHARED, nf,
                        as -> as.post("/v1/retention", retentionBody("new policy " + fresh.incrementAndGet()))),
                new Row("PUT /v1/retention/{uuid}", Permission.MANAGE_SHARED, nf,
                        as -> as.put("/v1/retention/" + freshRetention(), retentionBody("renamed policy " + fresh.incrementAndGet()))),
                new Row("DELETE /v1/retention/{uuid}", Permission.MANAGE_SHARED, nf, as -> as.delete("/v1/retention/" + freshRetention())),
                new Row("GET /v1/retention/{uuid}/preview", Permission.VIEW, nf,
                        as -> as.get("/v1/retention/" + retention + "/preview?target=" + target)),
                new Row("GET /v1/notifications", Permission.MANAGE_SYSTEM, nf, as -> as.get("/v1/notifications")),
                new Row("GET /v1/notification/{uuid}", Permission.MANAGE_SYSTEM, nf, as -> as.get("/v1/notification/" + freshChannel())),
                new Row("POST /v1/notifications", Permission.MANAGE_SYSTEM, nf,
                        as -> as.post("/v1/notifications", channelBody("new channel " + fresh.incrementAndGet()))),
                new Row("PUT /v1/notification/{uuid}", Permission.MANAGE_SYSTEM, nf,
                        as -> as.put("/v1/notification/" + freshChannel(), channelBody("renamed channel " + fresh.incrementAndGet()))),
                new Row("DELETE /v1/notification/{uuid}", Permission.MANAGE_SYSTEM, nf, as -> as.delete("/v1/notification/" + freshChannel())),
                // nothing listens on the channel's port: the admin's test is a 422 saying so
                new Row("POST /v1/notification/{uuid}/test", Permission.MANAGE_SYSTEM, nf, 422,
                        as -> as.post("/v1/notification/" + freshChannel() + "/test", null)),
                new Row("GET /v1/notification/{uuid}/deliveries", Permission.MANAGE_SYSTEM, nf,
                        as -> as.get("/v1/notification/" + freshChannel() + "/deliveries")),
                new Row("GET /v1/archives", Permission.VIEW, Hidden.LISTED_WITHOUT, as -> as.get("/v1/archives")),
                new Row("GET /v1/archive/{uuid}", Permission.VIEW, nf, as -> as.get("/v1/archive/" + archive)),
                new Row("PUT /v1/archive/{uuid} (notes)", Permission.EDIT_CONFIG, nf,
                        as -> as.put("/v1/archive/" + archive, fields("notes", "walked by " + fresh.incrementAndGet()))),
                new Row("POST /v1/archive/{uuid}/restore", Permission.RESTORE, nf,
                        as -> as.post("/v1/archive/" + archive + "/restore", fields("owner", "walk"))),
                new Row("POST /v1/archive/{uuid}/verify", Permission.VERIFY_ARCHIVE, nf,
                        as -> as.post("/v1/archive/" + archive + "/verify", null)),
                new Row("DELETE /v1/archive/{uuid}", Permission.MANAGE_TASKS, nf, as -> as.delete("/v1/archive/" + freshArchive())),
                new Row("GET /v1/tasks", Permission.VIEW, Hidden.LISTED_WITHOUT, as -> as.get("/v1/tasks")),
                new Row("GET /v1/task/{uuid}", Permission.VIEW, nf, as -> as.get("/v1/task/" + task)),
                new Row("DELETE /v1/task/{uuid} (cancel)", Permission.MANAGE_TASKS, nf, PermissionWalkApiTest::cancelHeldTask),
                new Row("GET /v1/status", null, nf, as -> as.get("/v1/status")),
                new Row("GET /metrics", Permission.METRICS, nf, as -> as.get("/metrics")),
                new Row("GET /v1/plugins", null, nf, as -> as.get("/v1/plugins")),
                new Row("GET /v1/agents", null, nf, as -> as.get("/v1/agents")),
                // an agent's call about work that is not there: past the check, the admin learns it is unknown
                new Row("POST /v1/agent/work/{uuid}/log", Permission.MANAGE_SYSTEM, nf, 404,
                        as -> as.post("/v1/agent/work/" + UUID.randomUUID() + "/log", fields("lines", List.of("walk")))));
    }

    @BeforeAll
    static void start() throws IOException {
        api = ApiFixture.start(root, held);
        String team = api.team(TEAM);
        files = api.directory("walk-files");
        Files.writeString(files.resolve("a.txt"), "walked\n");
        target = api.fsTarget("walk files", files, team);
        store = api.fsStore("walk store", api.directory("walk-store"));
        schedule = api.schedule("walk schedule", "daily at 4am");
        retention = api.retention("walk retention", 86400);
        job = api.job("walk job", target, store, schedule, retention);
        JsonNode done = api.awaitDone(api.runJob(job).path("uuid").stringValue());
        task = done.path("uuid").stringValue();
        archive = done.path("archive_uuid").stringValue();
        String heldTarget = api.create("/v1/targets", fields("name", "walk held", "plugin", HeldTarget.NAME,
                "endpoint", Map.of(), "team", team));
        heldJob = api.job("walk held job", heldTarget, store, schedule, retention);
        // the outsider operates another team: what they may do there gives them nothing here
        api.userWithToken("outsider", "elsewhere", Role.OPERATOR);
    }

    @AfterAll
    static void stop() {
        held.release();
        api.close();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("walkers")
    void eachEndpointAllowsWhatTheRoleTableSaysAndRefusesTheRestNamingThePermission(Who who) {
        ApiFixture.As as = who.admin() ? api.as(ApiFixture.TOKEN)
                : who.role() == null ? api.as(api.userWithToken("outsider", null, null))
                : api.as(api.userWithToken(who.name(), TEAM, who.role()));
        SoftAssertions softly = new SoftAssertions();
        for (Row row : table()) {
            ApiReply reply = row.call().apply(as);
            awaitItsTask(reply);
            String what = who + " " + row + " → " + reply.status() + " " + reply.body();
            Outcome expected = expected(who, row);
            switch (expected) {
                case ALLOWED -> {
                    softly.assertThat(reply.status()).as(what).isEqualTo(row.allowed());
                    if (row.hidden() == Hidden.LISTED_WITHOUT) {
                        softly.assertThat(listed(reply)).as(what).containsAnyOf(target, job, archive, task);
                    }
                }
                case FORBIDDEN -> {
                    softly.assertThat(reply.status()).as(what).isEqualTo(403);
                    if (reply.status() == 403) {
                        softly.assertThat(reply.json().path("permission").stringValue()).as(what).isEqualTo(row.needs().wire());
                        softly.assertThat(reply.error()).as(what).contains("'" + row.needs().wire() + "'");
                    }
                }
                case HIDDEN -> {
                    switch (row.hidden()) {
                        case NOT_FOUND -> softly.assertThat(reply.status()).as(what).isEqualTo(404);
                        case BAD_REFERENCE -> {
                            softly.assertThat(reply.status()).as(what).isEqualTo(400);
                            softly.assertThat(reply.body()).as(what).contains("does not exist");
                        }
                        case LISTED_WITHOUT -> {
                            softly.assertThat(reply.status()).as(what).isEqualTo(200);
                            softly.assertThat(listed(reply)).as(what).doesNotContain(target, job, archive, task);
                        }
                    }
                }
            }
        }
        softly.assertAll();
    }

    private enum Outcome { ALLOWED, FORBIDDEN, HIDDEN }

    /** What {@code who} gets from {@code row}, from the role table alone. */
    private static Outcome expected(Who who, Row row) {
        if (who.admin() || row.needs() == null) {
            return Outcome.ALLOWED;
        }
        if (!row.needs().teamScoped()) {
            return Outcome.FORBIDDEN;
        }
        if (who.role() == null) {
            return Outcome.HIDDEN;
        }
        return who.role().allows(row.needs()) ? Outcome.ALLOWED : Outcome.FORBIDDEN;
    }

    private static List<String> listed(ApiReply reply) {
        return reply.status() == 200 ? reply.uuids() : List.of();
    }

    /** Waits for the task a call queued (a backup, restore or verify), so that calls do not overlap. */
    private static void awaitItsTask(ApiReply reply) {
        if (reply.status() == 200 && reply.body().startsWith("{") && reply.json().has("task_uuid")) {
            api.awaitTask(reply.json().path("task_uuid").stringValue());
        }
    }

    /** Asks to cancel a task of the held job, then cancels it as the admin when the user could not. */
    private static ApiReply cancelHeldTask(ApiFixture.As as) {
        String held = api.post("/v1/job/" + heldJob + "/run", null).expect(200).json().path("task_uuid").stringValue();
        ApiReply reply = as.delete("/v1/task/" + held);
        if (reply.status() != 200) {
            api.delete("/v1/task/" + held).expect(200);
        }
        assertThat(api.awaitTask(held).path("status").stringValue()).isEqualTo("canceled");
        return reply;
    }

    private static String freshTarget() {
        return api.fsTarget("fresh " + fresh.incrementAndGet(), files, TEAM);
    }

    private static String freshJob() {
        return api.job("fresh job " + fresh.incrementAndGet(), target, store, schedule, retention);
    }

    private static String freshStore() {
        return api.create("/v1/stores", storeBody("fresh store " + fresh.incrementAndGet()));
    }

    private static String freshSchedule() {
        return api.schedule("fresh schedule " + fresh.incrementAndGet(), "daily at 5am");
    }

    private static String freshRetention() {
        return api.retention("fresh policy " + fresh.incrementAndGet(), 3600);
    }

    /** A new archive of the team's job, made by the admin. */
    private static String freshArchive() {
        return api.awaitDone(api.runJob(job).path("uuid").stringValue()).path("archive_uuid").stringValue();
    }

    private static Map<String, Object> targetBody(String name) {
        return fields("name", name, "summary", "walked", "plugin", "fs", "endpoint", Map.of("path", files.toString()),
                "team", TEAM);
    }

    private static Map<String, Object> jobBody(String name) {
        return fields("name", name, "summary", "walked", "target", target, "store", store, "schedule", schedule,
                "retention", retention, "paused", true);
    }

    private static Map<String, Object> storeBody(String name) {
        return fields("name", name, "summary", "walked", "plugin", "fs",
                "endpoint", Map.of("path", api.directory("fresh-store").toString()));
    }

    private static Map<String, Object> scheduleBody(String name) {
        return fields("name", name, "summary", "walked", "when", "daily at 6am");
    }

    private static String freshChannel() {
        return api.create("/v1/notifications", channelBody("fresh channel " + fresh.incrementAndGet()));
    }

    private static Map<String, Object> channelBody(String name) {
        return fields("name", name, "kind", "webhook", "config", Map.of("url", "http://127.0.0.1:1/hook", "secret", "walk-secret"),
                "events", java.util.List.of("task-failed"));
    }

    private static Map<String, Object> retentionBody(String name) {
        return fields("name", name, "summary", "walked", "expires", 7200);
    }
}
