package dev.cairn.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A server killed (SIGKILL) in the middle of a backup: at its next start the task is failed and its partial object removed. */
final class CrashRecoveryTest {
    @TempDir
    Path temp;

    @Test
    void aServerKilledMidBackupFailsTheTaskAtRestartAndLeavesNoOrphanObject() throws Exception {
        Path data = temp.resolve("data");
        Path store = temp.resolve("store");
        Path pidFile = temp.resolve("dumper.pid");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                CrashingServer.class.getName(), data.toString(), pidFile.toString(), store.toString())
                .redirectError(temp.resolve("server.err").toFile()).start();
        UUID taskUuid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
            String line = out.readLine();
            assertThat(line).as("server stderr: %s", Files.exists(temp.resolve("server.err"))
                    ? Files.readString(temp.resolve("server.err")) : "").startsWith("TASK ");
            taskUuid = UUID.fromString(line.substring(5));
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(pidFile)
                    && CancelAndTimeoutTest.filesIn(store).stream().anyMatch(p -> p.toString().endsWith(".partial")));
        } finally {
            ProcessHandle handle = server.toHandle();
            handle.destroyForcibly();
            server.waitFor();
        }
        long dumper = Long.parseLong(Files.readString(pidFile).trim());
        ProcessHandle.of(dumper).ifPresent(p -> {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
        });
        assertThat(CancelAndTimeoutTest.filesIn(store)).as("the crash left a partial object").isNotEmpty();

        try (Cairn restarted = CoreFixture.start(CairnSettings.defaults(data).withServerName("crashy")
                .withScheduling(false, Duration.ofSeconds(15)), Clock.systemUTC())) {
            Task task = restarted.catalog().tasks().get(taskUuid);
            assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(task.stoppedAt()).isNotNull();
            assertThat(task.log()).contains("server restarted while this task was running; its partial output was removed");
            assertThat(restarted.catalog().archives().list(ArchiveFilter.ALL)).isEmpty();
            assertThat(CancelAndTimeoutTest.filesIn(store)).isEmpty();
        }
    }
}
