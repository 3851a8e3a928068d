package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * What SHIELD's own v0.10 CLI sends and reads (issue 12): its {@code X-Shield-Token}, {@code ?name=} and
 * {@code &exact=t} on every list, {@code ?limit=} on tasks, {@code ""} for a time not set, and the
 * field names it reads beside the seed's.
 */
class ShieldClientApiTest {
    private static final String TIME = "\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}";

    @TempDir
    static Path root;
    static ApiFixture api;
    static final HeldTarget held = new HeldTarget();

    @BeforeAll
    static void start() {
        api = ApiFixture.start(root, held);
    }

    @AfterAll
    static void stop() {
        held.release();
        api.close();
    }

    @Test
    void xShieldTokenIsATokenExactlyLikeABearerOne() {
        api.getWith("/v1/status", Map.of("X-Shield-Token", ApiFixture.TOKEN)).expect(200);
        api.getWith("/v1/targets", Map.of("X-Shield-Token", ApiFixture.TOKEN)).expect(200);
        ApiReply wrong = api.getWith("/v1/status", Map.of("X-Shield-Token", ApiFixture.TOKEN + "x")).expect(401);
        assertThat(wrong.error()).isEqualTo("the X-Shield-Token is not valid");
        api.getWith("/v1/status", Map.of("X-Shield-Token", ApiFixture.TOKEN.toUpperCase())).expect(401);
        api.getWith("/v1/status", Map.of("X-Shield-Token", "")).expect(401);
    }

    @Test
    void aValidShieldTokenWinsOverTheAuthorizationSHIELDsConfigStillHolds() {
        // SHIELD's CLI sends SHIELD_API_TOKEN as X-Shield-Token and, beside it, whatever its config keeps
        api.getWith("/v1/status", Map.of("X-Shield-Token", ApiFixture.TOKEN, "Authorization", basic("admin", "secret")))
                .expect(200);
        api.getWith("/v1/status", Map.of("X-Shield-Token", "stale", "Authorization", "Bearer " + ApiFixture.TOKEN))
                .expect(200);
        // a stale X-Shield-Token leaves the Authorization header to decide: the admin's token as a Basic password works
        api.getWith("/v1/status", Map.of("X-Shield-Token", "stale", "Authorization", basic("admin", ApiFixture.TOKEN)))
                .expect(200);
    }

    @Test
    void basicCredentialsSignInWithAUsersTokenAndWrongOnesGetA401() {
        api.getWith("/v1/targets", Map.of("Authorization", basic("admin", ApiFixture.TOKEN))).expect(200);
        ApiReply wrong = api.getWith("/v1/targets", Map.of("Authorization", basic("admin", "admin"))).expect(401);
        assertThat(wrong.error()).isEqualTo("the user name and password (or token) are not valid");
        // SHIELD's CLI reads the scheme to ask its user for the right kind of credentials
        assertThat(wrong.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(api.getWith("/v1/targets", Map.of("Authorization", "Basic not-base64!")).expect(401).error()).isNotBlank();
    }

    @Test
    void everyListFiltersByASubstringOfTheNameIgnoringCaseOrByTheExactName() {
        Path files = api.directory("files");
        for (String name : List.of("web-prod", "Web-staging", "orders-db")) {
            String target = api.fsTarget(name, files);
            String store = api.fsStore(name, api.directory("store"));
            String schedule = api.schedule(name, "daily at 4am");
            String retention = api.retention(name, 86400);
            api.job(name, target, store, schedule, retention);
        }
        for (String list : List.of("/v1/targets", "/v1/stores", "/v1/schedules", "/v1/retention", "/v1/jobs")) {
            assertThat(names(list + "?name=web")).as(list).containsExactlyInAnyOrder("web-prod", "Web-staging");
            assertThat(names(list + "?name=WEB-")).as(list).containsExactlyInAnyOrder("web-prod", "Web-staging");
            assertThat(names(list + "?name=web-prod&exact=t")).as(list).containsExactly("web-prod");
            assertThat(names(list + "?name=web&exact=t")).as(list).isEmpty();
            assertThat(names(list + "?name=Web-Prod&exact=t")).as(list).isEmpty();
            assertThat(names(list + "?name=web-prod&exact=f")).as(list).containsExactly("web-prod");
            assertThat(names(list + "?name=")).as(list).contains("web-prod", "Web-staging", "orders-db");
            assertThat(names(list + "?name=nothing-like-it")).as(list).isEmpty();
            assertThat(api.get(list + "?name=web&exact=perhaps").expect(400).error()).isEqualTo("exact must be t or f, got perhaps");
        }
        assertThat(names("/v1/targets?name=web&plugin=fs&unused=f")).containsExactlyInAnyOrder("web-prod", "Web-staging");
    }

    @Test
    void tasksAndArchivesTakeALimitAndStayNewestFirst() {
        String job = api.job("limited", api.fsTarget("limited", api.directory("limited")), api.fsStore("limited",
                api.directory("limited-store")), api.schedule("limited", "daily at 4am"), api.retention("limited", 86400));
        for (int i = 0; i < 3; i++) {
            api.awaitDone(api.runJob(job).path("uuid").stringValue());
        }
        List<String> all = api.get("/v1/tasks").expect(200).uuids();
        assertThat(all.size()).isGreaterThanOrEqualTo(3);
        assertThat(api.get("/v1/tasks?limit=2").expect(200).uuids()).isEqualTo(all.subList(0, 2));
        assertThat(api.get("/v1/tasks?limit=1&status=done").expect(200).uuids()).hasSize(1);
        assertThat(api.get("/v1/tasks?limit=1000").expect(200).uuids()).isEqualTo(all);
        List<String> taken = api.get("/v1/archives").expect(200).uuids();
        assertThat(api.get("/v1/archives?limit=1").expect(200).uuids()).isEqualTo(taken.subList(0, 1));
        for (String bad : List.of("0", "-3", "two", "1.5")) {
            assertThat(api.get("/v1/tasks?limit=" + bad).expect(400).error())
                    .isEqualTo("limit must be a whole number of at least 1, got " + bad);
        }
    }

    @Test
    void timesNotSetYetAreEmptyTextAsSHIELDSendsThemNeverNull() {
        String target = api.create("/v1/targets", fields("name", "held", "plugin", HeldTarget.NAME, "endpoint", Map.of(),
                "agent", ""));
        String job = api.job("held", target, api.fsStore("held", api.directory("held-store")),
                api.schedule("held", "daily at 4am"), api.retention("held", 86400));
        JsonNode fresh = api.get("/v1/job/" + job).expect(200).json();
        assertThat(fresh.path("last_run").stringValue()).isEmpty();
        String running = api.post("/v1/job/" + job + "/run", fields("owner", "tester")).expect(200).json()
                .path("task_uuid").stringValue();
        await("the first backup to start").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> api.get("/v1/task/" + running).expect(200).json().path("status").stringValue(), "running"::equals);
        // one task of a target runs at a time: the second waits behind the held one
        String pending = api.post("/v1/job/" + job + "/run", fields("owner", "tester")).expect(200).json()
                .path("task_uuid").stringValue();

        JsonNode waiting = api.get("/v1/task/" + pending).expect(200).json();
        assertThat(waiting.path("status").stringValue()).isEqualTo("pending");
        assertThat(waiting.path("requested_at").stringValue()).matches(TIME);
        assertThat(waiting.path("started_at").isString()).isTrue();
        assertThat(waiting.path("started_at").stringValue()).isEmpty();
        assertThat(waiting.path("stopped_at").stringValue()).isEmpty();
        assertThat(waiting.path("timeout_at").stringValue()).isEmpty();

        JsonNode busy = api.get("/v1/task/" + running).expect(200).json();
        assertThat(busy.path("started_at").stringValue()).matches(TIME);
        assertThat(busy.path("stopped_at").isString()).isTrue();
        assertThat(busy.path("stopped_at").stringValue()).isEmpty();
        assertThat(busy.path("timeout_at").stringValue()).matches(TIME).isGreaterThan(busy.path("started_at").stringValue());
        for (JsonNode task : api.get("/v1/tasks?status=pending").expect(200).json()) {
            assertThat(task.path("started_at").stringValue()).isEmpty();
        }
        for (JsonNode task : api.get("/v1/tasks").expect(200).json()) {
            for (String field : List.of("requested_at", "started_at", "stopped_at", "timeout_at")) {
                assertThat(task.path(field).isString()).as("%s of %s", field, task).isTrue();
            }
        }

        held.release();
        JsonNode done = api.awaitDone(pending);
        assertThat(done.path("stopped_at").stringValue()).matches(TIME);
        assertThat(done.path("timeout_at").stringValue()).isEmpty();
        api.post("/v1/job/" + job + "/pause", Map.of()).expect(200);
        assertThat(api.get("/v1/job/" + job).expect(200).json().path("next_run").stringValue()).isEmpty();
    }

    @Test
    void sendsTheFieldNamesSHIELDsClientReadsBesideTheSeeds() {
        String job = api.job("named", api.fsTarget("named", api.directory("named")), api.fsStore("named",
                api.directory("named-store")), api.schedule("named", "sundays at 8am"), api.retention("named", 86400));
        JsonNode shown = api.get("/v1/job/" + job).expect(200).json();
        assertThat(shown.path("schedule").stringValue()).isEqualTo("sundays at 8am");
        assertThat(shown.path("schedule_when").stringValue()).isEqualTo("sundays at 8am");
        assertThat(shown.path("agent").isString()).isTrue();
        assertThat(shown.path("agent").stringValue()).isEmpty();
        assertThat(api.get("/v1/jobs?name=named&exact=t").expect(200).json().get(0).path("schedule_when").stringValue())
                .isEqualTo("sundays at 8am");

        JsonNode task = api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode archive = api.get("/v1/archive/" + task.path("archive_uuid").stringValue()).expect(200).json();
        assertThat(archive.path("key").stringValue()).isNotEmpty().isEqualTo(archive.path("store_key").stringValue());
        assertThat(task.has("timeout_at")).isTrue();

        JsonNode status = api.get("/v1/status").expect(200).json();
        assertThat(status.path("name").stringValue()).isNotEmpty().isEqualTo(status.path("server").stringValue());
        assertThat(status.path("version").stringValue()).isNotEmpty();
    }

    private static List<String> names(String path) {
        return api.get(path).expect(200).json().valueStream().map(item -> item.path("name").stringValue()).toList();
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
