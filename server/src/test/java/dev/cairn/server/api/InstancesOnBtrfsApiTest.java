package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.LoopFileSystem;
import dev.cairn.testing.PostgresServer;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Copy-on-write for real, through the API: a server whose data directory is on a loop-mounted
 * btrfs makes its image a subvolume and each instance a snapshot of it, which starts in seconds and
 * adds only what it writes to the disk's use. Skipped (failing under CI) where the kernel refuses the mount.
 */
@Timeout(900)
class InstancesOnBtrfsApiTest {
    static LoopFileSystem disk;
    static ApiFixture api;
    static PostgresServer postgres;

    @BeforeAll
    static void start() throws Exception {
        disk = LoopFileSystem.btrfs(2L << 30);
        Files.setPosixFilePermissions(disk.root(), PosixFilePermissions.fromString("rwx--x--x"));
        postgres = PostgresServer.start();
        postgres.createDatabase("big");
        postgres.execute("big", "CREATE TABLE rows (id int PRIMARY KEY, body text NOT NULL)");
        postgres.execute("big", "INSERT INTO rows SELECT i, repeat(md5(i::text), 8) FROM generate_series(1, 250000) i");
        api = ApiFixture.start(disk.root());
    }

    @AfterAll
    static void stop() {
        try {
            ImageFixture.closeDeletingImages(api);
        } finally {
            if (postgres != null) {
                postgres.close();
            }
            if (disk != null) {
                disk.close();
            }
        }
    }

    @Test
    void anInstanceIsASnapshotThatStartsFastAndCostsOnlyItsWrites() throws Exception {
        String target = api.create("/v1/targets", fields("name", "big-db", "plugin", "postgres", "endpoint", Map.of(
                "host", postgres.host(), "port", postgres.port(), "user", postgres.user(),
                "password", postgres.password(), "database", "big")));
        String job = api.job("big", target, api.fsStore("big", api.directory("store")), api.schedule("big", "daily at 4am"),
                api.retention("big", 86400));
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode image = api.post("/v1/images", fields("target", target)).expect(200).json();
        api.awaitDone(image.path("task_uuid").stringValue());
        JsonNode shown = api.get("/v1/image/" + image.path("image").path("id").longValue()).expect(200).json();
        assertThat(shown.path("clone_backend").stringValue()).isEqualTo("btrfs-snapshot");
        long imageBytes = shown.path("size").longValue();
        assertThat(imageBytes).isGreaterThan(60L << 20);

        long before = disk.usedBytes();
        long started = System.nanoTime();
        JsonNode instance = api.post("/v1/instances", fields("image", shown.path("id").longValue())).expect(200).json()
                .path("instance");
        assertThat(EngineChecks.query(instance, "SELECT count(*) FROM rows")).containsExactly(List.of("250000"));
        long millis = (System.nanoTime() - started) / 1_000_000;
        long added = disk.usedBytes() - before;
        System.out.printf("btrfs: image of %d MiB; POST /v1/instances to first query %d ms; disk added %d MiB%n",
                imageBytes >> 20, millis, added >> 20);
        assertThat(instance.path("copy_on_write").booleanValue()).isTrue();
        assertThat(instance.path("slow_full_copy").booleanValue()).isFalse();
        assertThat(added).as("bytes one instance added to the disk's use").isLessThan(50L << 20);
        api.delete("/v1/instance/" + instance.path("id").longValue()).expect(200);
    }
}
