package dev.cairn.core.task;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Task;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * A core in its own JVM for {@link CrashRecoveryTest}: starts an endless backup, prints its task
 * uuid, and runs until the test kills it with SIGKILL.
 */
public final class CrashingServer {
    private CrashingServer() {
    }

    public static void main(String[] args) throws InterruptedException {
        Path data = Path.of(args[0]);
        Cairn cairn = CoreFixture.start(CairnSettings.defaults(data).withServerName("crashy")
                .withScheduling(false, Duration.ofSeconds(15)), Clock.systemUTC());
        Job job = CoreFixture.job(cairn, "endless", Map.of(EndlessTarget.PID_FILE, args[1]), Path.of(args[2]), "daily 4am");
        Task task = cairn.requests().runJob(job.uuid(), "alice");
        System.out.println("TASK " + task.uuid());
        System.out.flush();
        Thread.currentThread().join();
    }
}
