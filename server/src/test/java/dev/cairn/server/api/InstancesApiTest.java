package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.access.Role;
import dev.cairn.core.catalog.Archive;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.ServerAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Issue 16 end to end on a real PostgreSQL, over HTTP: a database backed up, an image made of the
 * archive with an anonymisation script (and no row from before it left in the image's files), two
 * instances of it written to independently while the image stays as it was, one reset, both deleted
 * leaving no directory, process or port; a failed and a cancelled image task leave nothing; a redis
 * archive is a 409; who may do what.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(600)
class InstancesApiTest {
    private static final String SECRET = "secret-mail-of-customer";
    static Path root;
    static ApiFixture api;
    static PostgresServer postgres;
    static String target;
    static String store;
    static String archive;
    static long image;
    static JsonNode first;
    static JsonNode second;
    static String developer;
    static String outsider;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        postgres.createDatabase("shop");
        postgres.execute("shop", "CREATE TABLE customers (id int PRIMARY KEY, email text NOT NULL, name text NOT NULL)");
        postgres.execute("shop", "INSERT INTO customers SELECT i, '" + SECRET + "-' || i || '@example.com', 'name ' || i "
                + "FROM generate_series(1, 300) i");
        root = ServerAccounts.reachableDirectory("cairn-instances-api-");
        api = ApiFixture.start(root);
        api.team("shop");
        developer = api.userWithToken("dora", "shop", Role.DEVELOPER);
        outsider = api.userWithToken("olga", "billing", Role.OPERATOR);
        target = api.create("/v1/targets", fields("name", "shop-db", "plugin", "postgres", "team", "shop", "endpoint", Map.of(
                "host", postgres.host(), "port", postgres.port(), "user", postgres.user(),
                "password", postgres.password(), "database", "shop")));
        store = api.fsStore("images-store", api.directory("store"));
        String job = api.job("shop-nightly", target, store, api.schedule("nightly", "daily at 4am"), api.retention("week", 604800));
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        archive = api.get("/v1/archives?target=" + target).expect(200).json().get(0).path("uuid").stringValue();
    }

    @AfterAll
    static void stop() {
        try {
            if (api != null) {
                for (JsonNode made : api.get("/v1/images").json()) {
                    api.delete("/v1/image/" + made.path("id").longValue() + "?force=true");
                }
                api.close();
            }
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (root != null) {
                ServerAccounts.delete(root);
            }
        }
    }

    private static Path data() {
        return root.resolve("data");
    }

    private static long poolRows() throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data().resolve("catalog.db"));
             Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM instance_ports")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    @Order(1)
    void anImageOfTheArchiveIsAnonymisedAndKeepsNoRowFromBeforeTheScript() {
        JsonNode reply = api.post("/v1/images", fields("archive", archive, "name", "shop anonymised",
                "script", "UPDATE customers SET email = 'customer' || id || '@example.invalid';")).expect(200).json();
        assertThat(reply.path("ok").stringValue()).isEqualTo("building");
        image = reply.path("image").path("id").longValue();
        assertThat(reply.path("image").path("ready").booleanValue()).isFalse();
        String task = reply.path("task_uuid").stringValue();
        JsonNode done = api.awaitDone(task);
        assertThat(done.path("type").stringValue()).isEqualTo("image");
        String log = done.path("log").stringValue();
        assertThat(log).contains("anonymisation script").contains("compacting").contains("is ready");
        int offset = log.indexOf("compacting");
        assertThat(api.get("/v1/task/" + task + "?log_offset=" + offset).expect(200).json().path("log").stringValue())
                .startsWith("compacting");

        JsonNode shown = api.get("/v1/image/" + image).expect(200).json();
        assertThat(shown.path("ready").booleanValue()).isTrue();
        assertThat(shown.path("state").stringValue()).isEqualTo("ready");
        assertThat(shown.path("archive_uuid").stringValue()).isEqualTo(archive);
        assertThat(shown.path("size").longValue()).isPositive();
        assertThat(shown.path("clone_backend").stringValue()).isIn("btrfs-snapshot", "reflink", "copy");
        assertThat(shown.path("databases").get(0).stringValue()).isEqualTo("shop");
        assertThat(shown.path("team_name").stringValue()).isEqualTo("shop");
        assertThat(api.get("/v1/images").expect(200).json()).extracting(i -> i.path("id").longValue()).contains(image);
        Path files = data().resolve("images").resolve(String.valueOf(image));
        assertThat(files).isDirectory();
        assertThat(EngineChecks.filesContaining(files, SECRET)).as("files of the image holding a pre-script e-mail").isEmpty();
        assertThat(EngineChecks.processesIn(files)).isEmpty();
    }

    @Test
    @Order(2)
    void twoInstancesAreWrittenIndependentlyAndTheImageStaysAsItWas() throws Exception {
        Path imageFiles = data().resolve("images").resolve(String.valueOf(image));
        String before = EngineChecks.treeHash(imageFiles);
        first = created(api.post("/v1/instances", fields("image", image, "ttl", "8h")).expect(200).json());
        second = created(api.post("/v1/instances", fields("image", image)).expect(200).json());
        assertThat(first.path("port").intValue()).isNotEqualTo(second.path("port").intValue()).isBetween(55000, 55999);
        assertThat(first.path("password").stringValue()).isNotEqualTo(second.path("password").stringValue())
                .isNotEqualTo(postgres.password());
        assertThat(first.path("expires_in").longValue()).isBetween(8 * 3600L - 60, 8 * 3600L);
        assertThat(second.path("expires_in").longValue()).isBetween(24 * 3600L - 60, 24 * 3600L);
        for (JsonNode instance : List.of(first, second)) {
            assertThat(EngineChecks.query(instance, "SELECT count(*), count(*) FILTER (WHERE email LIKE '%example.invalid') "
                    + "FROM customers")).containsExactly(List.of("300", "300"));
        }
        EngineChecks.execute(first, "UPDATE customers SET name = 'changed' WHERE id <= 10");
        EngineChecks.execute(first, "CREATE TABLE scratch (x int)");
        assertThat(EngineChecks.query(first, "SELECT count(*) FROM customers WHERE name = 'changed'"))
                .containsExactly(List.of("10"));
        assertThat(EngineChecks.query(second, "SELECT count(*) FROM customers WHERE name = 'changed'"))
                .containsExactly(List.of("0"));
        assertThat(EngineChecks.query(second, "SELECT count(*) FROM pg_tables WHERE tablename = 'scratch'"))
                .containsExactly(List.of("0"));
        assertThat(EngineChecks.treeHash(imageFiles)).as("the image's files after writes to an instance").isEqualTo(before);
        // the source's own password does not open an instance
        assertThat(signsIn(first, postgres.user(), postgres.password())).isFalse();
    }

    private static boolean signsIn(JsonNode instance, String user, String password) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://" + instance.path("host").stringValue() + ":"
                + instance.path("port").intValue() + "/shop", user, password)) {
            return c.isValid(5);
        } catch (java.sql.SQLException e) {
            return false;
        }
    }

    private static JsonNode created(JsonNode reply) {
        assertThat(reply.path("ok").stringValue()).isEqualTo("created");
        JsonNode instance = reply.path("instance");
        assertThat(instance.path("state").stringValue()).as("state of %s", instance).isEqualTo("running");
        assertThat(instance.path("user").stringValue()).isEqualTo("developer");
        assertThat(instance.path("database").stringValue()).isEqualTo("shop");
        assertThat(instance.path("image_id").longValue()).isEqualTo(image);
        return instance;
    }

    @Test
    @Order(3)
    void aResetPutsAnInstanceBackOnTheSamePortWithTheSamePassword() throws Exception {
        JsonNode reset = api.post("/v1/instance/" + first.path("id").longValue() + "/reset", null).expect(200).json();
        assertThat(reset.path("state").stringValue()).isEqualTo("running");
        assertThat(reset.path("port").intValue()).isEqualTo(first.path("port").intValue());
        assertThat(reset.path("password").stringValue()).isEqualTo(first.path("password").stringValue());
        assertThat(EngineChecks.query(first, "SELECT count(*) FROM customers WHERE name = 'changed'"))
                .containsExactly(List.of("0"));
        assertThat(EngineChecks.query(first, "SELECT count(*) FROM pg_tables WHERE tablename = 'scratch'"))
                .containsExactly(List.of("0"));
    }

    @Test
    @Order(4)
    void aPatchExtendsTheTimeToLiveUpToTheMaximum() {
        long id = second.path("id").longValue();
        JsonNode extended = api.request("PATCH", "/v1/instance/" + id, fields("ttl", "48h"), "Bearer " + ApiFixture.TOKEN)
                .expect(200).json();
        assertThat(extended.path("expires_in").longValue()).isBetween(48 * 3600L - 60, 48 * 3600L);
        assertThat(api.request("PATCH", "/v1/instance/" + id, fields("ttl", "30d"), "Bearer " + ApiFixture.TOKEN)
                .expect(400).error()).contains("at most 168 h");
    }

    @Test
    @Order(5)
    void whoMayDoWhat() {
        ApiFixture.As dora = api.as(developer);
        ApiReply refused = dora.post("/v1/images", fields("archive", archive)).expect(403);
        assertThat(refused.json().path("permission").stringValue()).isEqualTo("download-full");
        assertThat(refused.error()).contains("download-full");
        assertThat(dora.post("/v1/instances", fields("target", target)).expect(403).error()).contains("download-full");
        // a developer may make and delete instances of an image their team has
        JsonNode own = dora.post("/v1/instances", fields("image", image)).expect(200).json().path("instance");
        assertThat(own.path("password").stringValue()).isNotEmpty();
        assertThat(dora.get("/v1/instance/" + first.path("id").longValue()).expect(200).json().has("password"))
                .as("another user's instance shows no password").isFalse();
        ApiFixture.As olga = api.as(outsider);
        assertThat(olga.get("/v1/image/" + image).expect(404).error()).isEqualTo("no image " + image);
        assertThat(olga.get("/v1/instance/" + own.path("id").longValue()).status()).isEqualTo(404);
        assertThat(olga.get("/v1/instances").expect(200).json()).isEmpty();
        assertThat(olga.post("/v1/instances", fields("image", image)).status()).isEqualTo(404);
        dora.delete("/v1/instance/" + own.path("id").longValue()).expect(200);
        JsonNode audit = api.get("/v1/audit?action=instance.create").expect(200).json();
        assertThat(audit).extracting(e -> e.path("user").stringValue()).contains("dora", "admin");
        assertThat(api.get("/v1/audit?action=image.create").expect(200).json())
                .extracting(e -> e.path("outcome").stringValue()).contains("ok", "denied");
        assertThat(api.get("/v1/audit?action=instance.delete").expect(200).json()).isNotEmpty();
    }

    @Test
    @Order(6)
    void anImageInUseIsNotDeletedWithoutForce() {
        assertThat(api.delete("/v1/image/" + image).expect(409).error()).contains("used by instances");
    }

    @Test
    @Order(7)
    void deletingBothLeavesNoDirectoryProcessOrPort() throws Exception {
        for (JsonNode instance : List.of(first, second)) {
            long id = instance.path("id").longValue();
            Path directory = data().resolve("instances").resolve(String.valueOf(id));
            assertThat(directory).isDirectory();
            assertThat(EngineChecks.processesIn(directory)).isNotEmpty();
            api.delete("/v1/instance/" + id).expect(200);
            assertThat(directory).doesNotExist();
            assertThat(EngineChecks.processesIn(directory)).isEmpty();
            assertThat(EngineChecks.listening(instance.path("port").intValue())).isFalse();
            api.get("/v1/instance/" + id).expect(404);
        }
        assertThat(poolRows()).isZero();
        assertThat(data().resolve("instances")).isEmptyDirectory();
    }

    @Test
    @Order(8)
    void aScriptWithAnSqlErrorFailsTheTaskAndLeavesNothing() throws Exception {
        JsonNode reply = api.post("/v1/images", fields("archive", archive, "script",
                "UPDATE no_such_table SET x = 1;")).expect(200).json();
        long failed = reply.path("image").path("id").longValue();
        JsonNode task = api.awaitTask(reply.path("task_uuid").stringValue());
        assertThat(task.path("status").stringValue()).isEqualTo("failed");
        assertThat(task.path("reason").stringValue()).contains("no_such_table");
        JsonNode shown = api.get("/v1/image/" + failed).expect(200).json();
        assertThat(shown.path("state").stringValue()).isEqualTo("failed");
        assertThat(shown.path("error").stringValue()).contains("no_such_table");
        Path directory = data().resolve("images").resolve(String.valueOf(failed));
        assertThat(directory).doesNotExist();
        assertThat(EngineChecks.processesIn(directory)).isEmpty();
        assertThat(poolRows()).isZero();
        assertThat(api.post("/v1/instances", fields("image", failed)).expect(409).error()).contains("failed");
        api.delete("/v1/image/" + failed).expect(200);
    }

    @Test
    @Order(9)
    void aCancelledImageTaskLeavesNothing() throws Exception {
        JsonNode reply = api.post("/v1/images", fields("target", target)).expect(200).json();
        long cancelled = reply.path("image").path("id").longValue();
        String task = reply.path("task_uuid").stringValue();
        await("image task to start loading").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> api.get("/v1/task/" + task).json().path("log").stringValue().contains("initialising"));
        api.delete("/v1/task/" + task).expect(200);
        JsonNode ended = api.awaitTask(task);
        assertThat(ended.path("status").stringValue()).isEqualTo("canceled");
        assertThat(api.get("/v1/image/" + cancelled).expect(200).json().path("state").stringValue()).isEqualTo("failed");
        Path directory = data().resolve("images").resolve(String.valueOf(cancelled));
        assertThat(directory).doesNotExist();
        await("the cancelled build's processes to end").atMost(Duration.ofSeconds(30))
                .until(() -> EngineChecks.processesIn(directory).isEmpty());
        assertThat(poolRows()).isZero();
    }

    @Test
    @Order(10)
    void anArchiveOfAPluginWithoutAnEngineIsAConflict() {
        UUID redis = UUID.randomUUID();
        api.cairn().catalog().archives().insert(new Archive(redis, UUID.randomUUID(), "redis", UUID.fromString(store),
                null, "redis/dump", "redis/dump.json", Instant.now(), Instant.now().plusSeconds(86400), "", Archive.Status.VALID,
                10, 10, "00", "zstd-3", "age-x25519"));
        assertThat(api.post("/v1/images", fields("archive", redis.toString())).expect(409).error())
                .contains("redis").contains("no engine");
        assertThat(api.post("/v1/instances", fields("archive", redis.toString())).expect(409).error()).contains("no engine");
    }

    @Test
    @Order(11)
    void anInstanceOfATargetMakesItsImageFirstAndStartsWhenItIsBuilt() throws Exception {
        JsonNode reply = api.post("/v1/instances", fields("target", target, "ttl", 3600)).expect(200).json();
        assertThat(reply.path("ok").stringValue()).isEqualTo("building");
        long id = reply.path("instance").path("id").longValue();
        assertThat(reply.path("instance").path("state").stringValue()).isEqualTo("pending");
        api.awaitDone(reply.path("task_uuid").stringValue());
        JsonNode running = await("instance to run").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> api.get("/v1/instance/" + id).expect(200).json(), i -> !i.path("state").stringValue().equals("pending")
                        && !i.path("state").stringValue().equals("starting"));
        assertThat(running.path("state").stringValue()).as("%s", running).isEqualTo("running");
        assertThat(EngineChecks.query(running, "SELECT count(*) FROM customers WHERE email LIKE '" + SECRET + "%'"))
                .as("without a script the data is as it was").containsExactly(List.of("300"));
        long imageOfIt = reply.path("image").path("id").longValue();
        api.delete("/v1/image/" + imageOfIt + "?force=true").expect(200);
        assertThat(EngineChecks.listening(running.path("port").intValue())).isFalse();
        assertThat(data().resolve("images").resolve(String.valueOf(imageOfIt))).doesNotExist();
        assertThat(data().resolve("instances").resolve(String.valueOf(id))).doesNotExist();
        assertThat(poolRows()).isZero();
        assertThat(Files.exists(data().resolve("images").resolve(String.valueOf(image)))).isTrue();
    }
}
