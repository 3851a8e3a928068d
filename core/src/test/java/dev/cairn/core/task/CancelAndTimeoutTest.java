package dev.cairn.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.task.TaskRunner.RunnerSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping a backup in the middle: by cancel, and by the task timeout. */
final class CancelAndTimeoutTest {
    @TempDir
    Path temp;
    private Cairn cairn;

    @AfterEach
    void stop() {
        if (cairn != null) {
            cairn.close();
        }
    }

    private Job endlessJob(Duration timeout) {
        cairn = CoreFixture.start(CairnSettings.defaults(temp.resolve("data")).withScheduling(false, Duration.ofSeconds(15))
                .withRunner(new RunnerSettings(2, timeout)), Clock.systemUTC());
        return CoreFixture.job(cairn, "endless", Map.of(EndlessTarget.PID_FILE, temp.resolve("dumper.pid").toString()),
                temp.resolve("store"), "daily 4am");
    }

    static List<Path> filesIn(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    private Task status(Task task) {
        return cairn.catalog().tasks().get(task.uuid());
    }

    private long dumperPid() throws IOException {
        return Long.parseLong(Files.readString(temp.resolve("dumper.pid")).trim());
    }

    @Test
    void aTaskCanceledMidBackupEndsCanceledWithNoArchiveAndNoLeftoverObject() throws Exception {
        Job job = endlessJob(Duration.ofHours(1));
        Task task = cairn.requests().runJob(job.uuid(), "alice");
        await().atMost(Duration.ofSeconds(30)).until(() -> !filesIn(temp.resolve("store")).isEmpty()
                && Files.exists(temp.resolve("dumper.pid")) && status(task).status() == TaskStatus.RUNNING);
        long pid = dumperPid();

        assertThat(cairn.runner().cancel(task.uuid())).isTrue();

        await().atMost(Duration.ofSeconds(30)).until(() -> status(task).status().finished());
        Task ended = status(task);
        assertThat(ended.status()).isEqualTo(TaskStatus.CANCELED);
        assertThat(ended.log()).contains("canceled");
        assertThat(cairn.catalog().archives().list(ArchiveFilter.ALL)).isEmpty();
        assertThat(filesIn(temp.resolve("store"))).isEmpty();
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("dumper process %d", pid).isFalse();
        assertThat(cairn.runner().cancel(task.uuid())).as("canceling an ended task").isFalse();
    }

    @Test
    void aPendingTaskIsCanceledAtOnce() {
        Job job = endlessJob(Duration.ofHours(1));
        cairn.catalog().tasks().insert(new Task(java.util.UUID.randomUUID(), "bob", Task.Op.BACKUP, job.uuid(), null,
                job.target(), job.store(), TaskStatus.RUNNING, 50, java.time.Instant.now(), null, null, null, ""));
        Task queued = cairn.requests().runJob(job.uuid(), "alice");

        assertThat(cairn.runner().cancel(queued.uuid())).isTrue();

        assertThat(status(queued).status()).isEqualTo(TaskStatus.CANCELED);
    }

    @Test
    void aTaskRunningPastItsTimeoutIsStoppedAndFailed() throws Exception {
        Job job = endlessJob(Duration.ofSeconds(2));
        Task task = cairn.requests().runJob(job.uuid(), "alice");

        await().atMost(Duration.ofSeconds(30)).until(() -> status(task).status().finished());

        Task ended = status(task);
        assertThat(ended.status()).isEqualTo(TaskStatus.FAILED);
        assertThat(ended.log()).contains("timed out after PT2S");
        assertThat(filesIn(temp.resolve("store"))).isEmpty();
        assertThat(ProcessHandle.of(dumperPid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }
}
