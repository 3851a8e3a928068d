package dev.cairn.core.task;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A directory restore stopped half-way through writing its staged copy, by a cancel and by a
 * server killed with SIGKILL (the staged copy is then discarded at the next start): the directory
 * is as it was, nothing is left beside it, and the task log says so.
 */
final class StoppedDirectoryRestoreTest {
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path temp;

    private Path live() throws IOException {
        Path live = Files.createDirectories(temp.resolve("work").resolve("live"));
        byte[] noise = new byte[1_500_000];
        new Random(11).nextBytes(noise);
        Files.write(live.resolve("data.bin"), noise);
        Files.writeString(Files.createDirectories(live.resolve("docs")).resolve("readme.txt"), "read me");
        return live;
    }

    private static void changeSinceTheBackup(Path live) throws IOException {
        Files.writeString(live.resolve("docs/readme.txt"), "changed since the backup");
        Files.writeString(live.resolve("new.txt"), "new since the backup");
    }

    /** Whether the restore has begun writing its staged copy beside {@code live}. */
    private static boolean staging(Path live) throws IOException {
        Path staged = live.resolveSibling(".live.cairn-restore");
        if (!Files.isDirectory(staged)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(staged)) {
            return files.anyMatch(Files::isRegularFile);
        }
    }

    private static String siblings(Path live) throws IOException {
        try (Stream<Path> entries = Files.list(live.getParent())) {
            return String.join(",", entries.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aCancelledDirectoryRestoreLeavesTheDirectoryAsItWas() throws Exception {
        Path live = live();
        try (Cairn cairn = CoreFixture.start(CairnSettings.defaults(temp.resolve("data"))
                .withScheduling(false, Duration.ofSeconds(15)), Clock.systemUTC())) {
            Job job = CoreFixture.job(cairn, "paced-fs", java.util.Map.of("path", live.toString()), temp.resolve("store"),
                    "daily 4am");
            Task backup = cairn.requests().runJob(job.uuid(), "alice");
            await().atMost(WAIT).until(() -> cairn.catalog().tasks().get(backup.uuid()).status().finished());
            Archive archive = cairn.catalog().archives().list(ArchiveFilter.ALL).getFirst();
            Target target = cairn.catalog().targets().get(job.target());
            changeSinceTheBackup(live);
            String before = DamagedArchiveRestoreTest.files(live);

            Task restore = cairn.requests().restore(archive.uuid(), null, "alice");
            await().atMost(WAIT).until(() -> staging(live));
            assertThat(cairn.runner().cancel(restore.uuid())).isTrue();
            await().atMost(WAIT).until(() -> cairn.catalog().tasks().get(restore.uuid()).status().finished());

            Task ended = cairn.catalog().tasks().get(restore.uuid());
            assertThat(ended.status()).as(ended.log()).isEqualTo(TaskStatus.CANCELED);
            assertThat(DamagedArchiveRestoreTest.files(live)).isEqualTo(before);
            assertThat(siblings(live)).isEqualTo("live");
            assertThat(ended.log()).contains("now restoring it into target " + target.name())
                    .contains("canceled; its processes were stopped")
                    .contains("the staged copy was discarded; target " + target.name() + " is as it was")
                    .doesNotContain("partial output removed");
        }
    }

    @Test
    void aServerKilledMidRestoreDiscardsTheStagedCopyAtRestartAndLeavesTheDirectoryAsItWas() throws Exception {
        Path live = live();
        Path data = temp.resolve("data");
        Process server = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
                RestoringServer.class.getName(), data.toString(), live.toString(), temp.resolve("store").toString())
                .redirectError(temp.resolve("server.err").toFile()).start();
        UUID taskUuid;
        String before;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
             OutputStream in = server.getOutputStream()) {
            assertThat(out.readLine()).as("server stderr: %s", Files.readString(temp.resolve("server.err")))
                    .isEqualTo("BACKED-UP DONE");
            changeSinceTheBackup(live);
            before = DamagedArchiveRestoreTest.files(live);
            in.write("RESTORE\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            String line = out.readLine();
            assertThat(line).as("server stderr: %s", Files.readString(temp.resolve("server.err"))).startsWith("TASK ");
            taskUuid = UUID.fromString(line.substring(5));
            await().atMost(WAIT).until(() -> staging(live));
        } finally {
            server.toHandle().destroyForcibly();
            server.waitFor();
        }
        assertThat(siblings(live)).as("the kill left the staged copy").contains(".live.cairn-restore");

        try (Cairn restarted = CoreFixture.start(CairnSettings.defaults(data).withServerName("crashy")
                .withScheduling(false, Duration.ofSeconds(15)), Clock.systemUTC())) {
            Task task = restarted.catalog().tasks().get(taskUuid);
            Target target = restarted.catalog().targets().get(task.target());
            assertThat(task.status()).isEqualTo(TaskStatus.FAILED);
            assertThat(task.log()).contains("removed " + live.resolveSibling(".live.cairn-restore"))
                    .contains("server restarted while this task was running; the staged copy was discarded; target "
                            + target.name() + " is as it was")
                    .doesNotContain("partial output was removed");
            assertThat(DamagedArchiveRestoreTest.files(live)).isEqualTo(before);
            assertThat(siblings(live)).isEqualTo("live");
        }
    }
}
