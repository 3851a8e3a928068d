package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.ServerAccounts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * A Cairn server stopped while its instances run, and started again on the same data directory:
 * an instance still running is adopted, one whose data system died is started again on the same
 * port with the same password, one whose files are gone is destroyed and says so; directories and
 * ports nothing in the catalog owns are removed.
 */
@Timeout(600)
class InstanceRestartApiTest {
    static Path root;
    static ApiFixture api;
    static PostgresServer postgres;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        postgres.createDatabase("app");
        postgres.execute("app", "CREATE TABLE notes (id int PRIMARY KEY, body text NOT NULL)");
        postgres.execute("app", "INSERT INTO notes SELECT i, 'note ' || i FROM generate_series(1, 50) i");
        root = ServerAccounts.reachableDirectory("cairn-instance-restart-");
        api = ApiFixture.start(root);
    }

    @AfterAll
    static void stop() {
        ImageFixture.stop(api, postgres, root);
    }

    @Test
    void aRestartedServerAdoptsRestartsOrDestroysItsInstancesAndLeavesNoOrphan() throws Exception {
        long imageId = ImageFixture.backedUpImage(api, postgres);
        JsonNode image = api.get("/v1/image/" + imageId).expect(200).json();
        JsonNode kept = instance(imageId);
        JsonNode died = instance(imageId);
        JsonNode lost = instance(imageId);
        Path data = root.resolve("data");
        Path instances = data.resolve("instances");

        // the server goes away; its instances' processes do not
        api.close();
        assertThat(EngineChecks.query(kept, "SELECT count(*) FROM notes")).containsExactly(List.of("50"));
        kill(instances.resolve(String.valueOf(died.path("id").longValue())));
        Path lostFiles = instances.resolve(String.valueOf(lost.path("id").longValue()));
        kill(lostFiles);
        ServerAccounts.delete(lostFiles);
        Files.createDirectories(instances.resolve("999"));
        String crashedTask = UUID.randomUUID().toString();
        long crashedImage = imageId + 1;
        crashDuringBuild(data, crashedTask, crashedImage, image.path("archive_uuid").stringValue(),
                image.path("target_uuid").stringValue());
        Files.createDirectories(data.resolve("images").resolve("998"));
        assertThat(EngineChecks.listening(died.path("port").intValue())).isFalse();

        api = ApiFixture.start(root);
        JsonNode adopted = api.get("/v1/instance/" + kept.path("id").longValue()).expect(200).json();
        assertThat(adopted.path("state").stringValue()).isEqualTo("running");
        assertThat(adopted.path("port").intValue()).isEqualTo(kept.path("port").intValue());
        assertThat(EngineChecks.query(kept, "SELECT count(*) FROM notes")).containsExactly(List.of("50"));

        JsonNode restarted = api.get("/v1/instance/" + died.path("id").longValue()).expect(200).json();
        assertThat(restarted.path("state").stringValue()).isEqualTo("running");
        assertThat(restarted.path("reason").stringValue()).contains("restarted on port " + died.path("port").intValue());
        assertThat(restarted.path("port").intValue()).isEqualTo(died.path("port").intValue());
        assertThat(EngineChecks.query(died, "SELECT count(*) FROM notes")).as("same port, same password")
                .containsExactly(List.of("50"));

        JsonNode destroyed = api.get("/v1/instance/" + lost.path("id").longValue()).expect(200).json();
        assertThat(destroyed.path("state").stringValue()).isEqualTo("destroyed");
        assertThat(destroyed.path("reason").stringValue()).contains("server restarted");
        assertThat(lostFiles).doesNotExist();
        assertThat(api.get("/v1/audit?action=instance.destroy").expect(200).json()).extracting(row -> row.path("detail").stringValue())
                .containsExactly("the server restarted and found its files gone");
        assertThat(instances.resolve("999")).doesNotExist();
        assertThat(data.resolve("images").resolve("998")).doesNotExist();
        assertThat(data.resolve("images").resolve(String.valueOf(imageId))).isDirectory();
        // an image task the "crash" left running: failed, its directory and build port gone
        assertThat(data.resolve("images").resolve(String.valueOf(crashedImage))).doesNotExist();
        JsonNode crashed = api.get("/v1/image/" + crashedImage).expect(200).json();
        assertThat(crashed.path("state").stringValue()).isEqualTo("failed");
        assertThat(crashed.path("error").stringValue()).contains("server restarted");
        JsonNode crashedRun = api.get("/v1/task/" + crashedTask).expect(200).json();
        assertThat(crashedRun.path("status").stringValue()).isEqualTo("failed");
        assertThat(crashedRun.path("log").stringValue()).contains("server restarted while this task was running");
        assertThat(poolRowsOf(data, -crashedImage)).isZero();

        // a new instance never takes a port an adopted one holds
        JsonNode fresh = instance(imageId);
        assertThat(fresh.path("port").intValue()).isNotIn(kept.path("port").intValue(), died.path("port").intValue());
        for (JsonNode instance : List.of(kept, died, fresh)) {
            api.delete("/v1/instance/" + instance.path("id").longValue()).expect(200);
            assertThat(EngineChecks.listening(instance.path("port").intValue())).isFalse();
        }
        api.delete("/v1/instance/" + lost.path("id").longValue()).expect(200);
        assertThat(instances).isEmptyDirectory();
    }

    /**
     * Writes into the stopped server's catalog what a crash in the middle of an image build leaves:
     * the image building, its task running on this server, its build port taken, and its half-made directory.
     */
    private static void crashDuringBuild(Path data, String task, long image, String archive, String target) throws Exception {
        String server = api.cairn().settings().serverName();
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("catalog.db")); Statement s = c.createStatement()) {
            String store = one(s, "SELECT store_uuid FROM archives WHERE uuid = '" + archive + "'");
            s.executeUpdate("INSERT INTO tasks (uuid, owner, op, archive_uuid, target_uuid, store_uuid, status, priority, "
                    + "requested_at, started_at, log, runner) VALUES ('" + task + "', 'admin', 'image', '" + archive + "', '"
                    + target + "', '" + store + "', 'running', 50, 1, 1, '', '" + server + "')");
            s.executeUpdate("INSERT INTO images (id, uuid, name, owner_name, archive_uuid, target_uuid, plugin, task_uuid, server, "
                    + "state, backed_up_at, created_at, updated_at) VALUES (" + image + ", '" + UUID.randomUUID() + "', 'crashed', "
                    + "'admin', '" + archive + "', '" + target + "', 'postgres', '" + task + "', '" + server + "', 'building', 1, 1, 1)");
            s.executeUpdate("INSERT INTO instance_ports (port, instance_id, server) VALUES (55999, " + (-image) + ", '" + server + "')");
        }
        Files.createDirectories(data.resolve("images").resolve(String.valueOf(image)).resolve("data"));
    }

    private static String one(Statement s, String sql) throws Exception {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static long poolRowsOf(Path data, long holder) throws Exception {
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + data.resolve("catalog.db")); Statement s = c.createStatement()) {
            return Long.parseLong(one(s, "SELECT COUNT(*) FROM instance_ports WHERE instance_id = " + holder));
        }
    }

    private static JsonNode instance(long image) {
        JsonNode instance = api.post("/v1/instances", fields("image", image)).expect(200).json().path("instance");
        assertThat(instance.path("state").stringValue()).isEqualTo("running");
        return instance;
    }

    /** Kills (SIGKILL) the data system running from {@code directory}, as a crash of the machine's process would. */
    private static void kill(Path directory) {
        String needle = directory.toString() + "/";
        List<ProcessHandle> found = ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains(needle)).toList();
        assertThat(found).as("processes running from %s", directory).isNotEmpty();
        found.forEach(ProcessHandle::destroyForcibly);
        await("the data system in " + directory + " to die").atMost(Duration.ofSeconds(30))
                .until(() -> found.stream().noneMatch(ProcessHandle::isAlive)
                        && ProcessHandle.allProcesses().noneMatch(p -> p.info().commandLine().orElse("").contains(needle)));
    }
}
