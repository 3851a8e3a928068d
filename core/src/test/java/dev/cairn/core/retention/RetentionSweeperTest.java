package dev.cairn.core.retention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.testing.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Expired archives leave their store, and are marked purged only once the store confirms it. */
final class RetentionSweeperTest {
    @TempDir
    Path temp;
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-11-21T10:00:00Z"));
    private Cairn cairn;

    @AfterEach
    void stop() {
        if (cairn != null) {
            cairn.close();
        }
    }

    private Archive backUp() throws Exception {
        cairn = CoreFixture.start(CairnSettings.defaults(temp.resolve("data")).withScheduling(false, Duration.ofSeconds(15)), clock);
        Files.createDirectories(temp.resolve("src"));
        Files.writeString(temp.resolve("src/notes.txt"), "keep me for a day");
        Job job = CoreFixture.job(cairn, "fs", Map.of("path", temp.resolve("src").toString()), temp.resolve("store"), "daily 4am");
        Task task = cairn.requests().runJob(job.uuid(), "alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> cairn.catalog().tasks().get(task.uuid()).status().finished());
        assertThat(cairn.catalog().tasks().get(task.uuid()).status()).isEqualTo(TaskStatus.DONE);
        return cairn.catalog().archives().list(ArchiveFilter.ALL).getFirst();
    }

    private Path object(Archive archive) {
        return temp.resolve("store").resolve(archive.storeKey());
    }

    @Test
    void anArchiveExpiresAtTakenAtPlusThePolicysExpiryAndIsPurged() throws Exception {
        Archive archive = backUp();
        assertThat(archive.expiresAt()).isEqualTo(archive.takenAt().plusSeconds(86400));
        assertThat(object(archive)).exists();

        assertThat(cairn.sweeper().sweep(archive.expiresAt().minusSeconds(1))).isZero();
        assertThat(cairn.sweeper().sweep(archive.expiresAt())).isEqualTo(1);

        assertThat(cairn.catalog().archives().get(archive.uuid()).status()).isEqualTo(Archive.Status.PURGED);
        assertThat(object(archive)).doesNotExist();
        assertThat(temp.resolve("store").resolve(archive.manifestKey())).doesNotExist();
        assertThat(cairn.catalog().archives().list(ArchiveFilter.ALL)).isEmpty();
    }

    @Test
    void anArchiveWhosePurgeFailsStaysValidAndIsPurgedOnALaterSweep() throws Exception {
        Archive archive = backUp();
        // the store cannot remove the object: its name is taken by a directory that is not empty
        Files.delete(object(archive));
        Files.createDirectories(object(archive).resolve("blocker"));

        assertThat(cairn.sweeper().sweep(archive.expiresAt().plusSeconds(60))).isZero();
        assertThat(cairn.catalog().archives().get(archive.uuid()).status()).isEqualTo(Archive.Status.VALID);

        Files.delete(object(archive).resolve("blocker"));
        assertThat(cairn.sweeper().sweep(archive.expiresAt().plusSeconds(120))).isEqualTo(1);
        assertThat(cairn.catalog().archives().get(archive.uuid()).status()).isEqualTo(Archive.Status.PURGED);
        assertThat(object(archive)).doesNotExist();
    }
}
