package dev.cairn.core.task;

import static org.awaitility.Awaitility.await;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Task;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A core in its own JVM for {@link StoppedDirectoryRestoreTest}: backs up a directory with the
 * paced fs target and prints {@code BACKED-UP}; once told {@code RESTORE} on its input, starts a
 * restore of that archive (which stalls half-way), prints its task uuid, and runs until the test
 * kills it with SIGKILL.
 */
public final class RestoringServer {
    private RestoringServer() {
    }

    public static void main(String[] args) throws Exception {
        Cairn cairn = CoreFixture.start(CairnSettings.defaults(Path.of(args[0])).withServerName("crashy")
                .withScheduling(false, Duration.ofSeconds(15)), Clock.systemUTC());
        Job job = CoreFixture.job(cairn, "paced-fs", Map.of("path", args[1]), Path.of(args[2]), "daily 4am");
        Task backup = cairn.requests().runJob(job.uuid(), "alice");
        await().atMost(Duration.ofSeconds(60)).until(() -> cairn.catalog().tasks().get(backup.uuid()).status().finished());
        System.out.println("BACKED-UP " + cairn.catalog().tasks().get(backup.uuid()).status());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        if (!"RESTORE".equals(in.readLine())) {
            return;
        }
        Task restore = cairn.requests().restore(cairn.catalog().archives().list(ArchiveFilter.ALL).getFirst().uuid(),
                null, "alice");
        System.out.println("TASK " + restore.uuid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
