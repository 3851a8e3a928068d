package dev.cairn.core.task;

import static dev.cairn.core.task.CancelAndTimeoutTest.filesIn;
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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stopping the server (SIGTERM runs the same close) while a backup runs: the task ends canceled, cleaned up, and says why. */
final class ServerStopTest {
    @TempDir
    Path temp;

    private CairnSettings settings(Duration grace) {
        return CairnSettings.defaults(temp.resolve("data")).withScheduling(false, Duration.ofSeconds(15))
                .withRunner(new RunnerSettings(2, Duration.ofHours(1)).withShutdownGrace(grace));
    }

    @Test
    void stoppingTheServerCancelsARunningBackupCleanlyAndSaysSoInItsLog() throws Exception {
        Cairn cairn = CoreFixture.start(settings(Duration.ZERO), Clock.systemUTC());
        Task task;
        long pid;
        try {
            Job job = CoreFixture.job(cairn, "endless", Map.of(EndlessTarget.PID_FILE, temp.resolve("dumper.pid").toString()),
                    temp.resolve("store"), "daily 4am");
            task = cairn.requests().runJob(job.uuid(), "alice");
            await().atMost(Duration.ofSeconds(30)).until(() -> !filesIn(temp.resolve("store")).isEmpty()
                    && Files.exists(temp.resolve("dumper.pid"))
                    && cairn.catalog().tasks().get(task.uuid()).status() == TaskStatus.RUNNING);
            pid = Long.parseLong(Files.readString(temp.resolve("dumper.pid")).trim());
        } finally {
            cairn.close();
        }

        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("dumper process %d", pid).isFalse();
        assertThat(filesIn(temp.resolve("store"))).as("the backup's partial object").isEmpty();
        try (Cairn again = CoreFixture.start(settings(Duration.ZERO), Clock.systemUTC())) {
            Task ended = again.catalog().tasks().get(task.uuid());
            assertThat(ended.status()).isEqualTo(TaskStatus.CANCELED);
            assertThat(ended.log())
                    .containsPattern("\\d\\d:\\d\\d:\\d\\d canceled: the server \\S+ was stopped at 20\\d\\d-\\S+Z while this task ran; "
                            + "its processes were stopped")
                    .containsPattern("\\d\\d:\\d\\d:\\d\\d partial output removed")
                    .doesNotContain("server restarted while this task was running");
            assertThat(again.catalog().archives().list(ArchiveFilter.ALL)).isEmpty();
        }
    }

    @Test
    void aStoppingServerLetsARunningTaskGoOnForItsGraceBeforeCancelingIt() {
        Cairn cairn = CoreFixture.start(settings(Duration.ofMillis(300)), Clock.systemUTC());
        Task task;
        try {
            Job job = CoreFixture.job(cairn, "endless", Map.of(EndlessTarget.PID_FILE, temp.resolve("dumper.pid").toString()),
                    temp.resolve("store"), "daily 4am");
            task = cairn.requests().runJob(job.uuid(), "alice");
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(temp.resolve("dumper.pid"))
                    && cairn.catalog().tasks().get(task.uuid()).status() == TaskStatus.RUNNING);
        } finally {
            cairn.close();
        }

        try (Cairn again = CoreFixture.start(settings(Duration.ZERO), Clock.systemUTC())) {
            Task ended = again.catalog().tasks().get(task.uuid());
            assertThat(ended.status()).isEqualTo(TaskStatus.CANCELED);
            assertThat(ended.log()).contains("is stopping (", "this task may go on for 0 s before it is canceled",
                    "was stopped at", "partial output removed");
        }
    }
}
