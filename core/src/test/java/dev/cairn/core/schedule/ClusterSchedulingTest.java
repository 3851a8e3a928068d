package dev.cairn.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.SteppedClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL catalog, both running db-scheduler and a task runner, with one
 * stepped clock: a due job is queued once and backed up once.
 */
final class ClusterSchedulingTest {
    @TempDir
    Path temp;

    @Test
    void twoSchedulersOnOnePostgresCatalogRunADueJobExactlyOnce() throws Exception {
        SteppedClock clock = new SteppedClock(Instant.parse("2026-11-21T03:59:00Z"));
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("catalog");
            String url = postgres.jdbcUrl("catalog") + "?user=" + postgres.user() + "&password=" + postgres.password();
            Path dataA = Files.createDirectories(temp.resolve("a"));
            Path dataB = Files.createDirectories(temp.resolve("b"));
            Files.createDirectories(temp.resolve("src"));
            Files.writeString(temp.resolve("src/orders.csv"), "1,widget\n2,gadget\n");
            try (Cairn a = CoreFixture.start(settings(dataA, url, "server-a"), clock)) {
                // servers sharing a catalog share the key that seals its secrets and opens its archives
                Files.copy(dataA.resolve("cairn.key"), dataB.resolve("cairn.key"));
                try (Cairn b = CoreFixture.start(settings(dataB, url, "server-b"), clock)) {
                    Job job = CoreFixture.job(a, "fs", Map.of("path", temp.resolve("src").toString()),
                            temp.resolve("store"), "daily 4am");
                    clock.set(Instant.parse("2026-11-21T03:59:30Z"));
                    // generous: two servers share two cores with the rest of the suite
                    await().atMost(Duration.ofSeconds(90)).until(() -> a.catalog().jobs().get(job.uuid()).nextRun() != null);
                    assertThat(a.catalog().jobs().get(job.uuid()).nextRun()).isEqualTo(Instant.parse("2026-11-21T04:00:00Z"));

                    clock.set(Instant.parse("2026-11-21T04:00:05Z"));
                    await().atMost(Duration.ofSeconds(90)).until(() -> !tasks(a, job).isEmpty());
                    // both servers also fire by hand, at the same moment: still one task
                    CompletableFuture.allOf(CompletableFuture.runAsync(() -> a.firer().fire(clock.instant())),
                            CompletableFuture.runAsync(() -> b.firer().fire(clock.instant()))).join();
                    await().atMost(Duration.ofSeconds(60)).until(() -> tasks(b, job).stream().allMatch(t -> t.status().finished()));

                    List<Task> tasks = tasks(b, job);
                    assertThat(tasks).hasSize(1);
                    assertThat(tasks.getFirst().status()).as(tasks.getFirst().log()).isEqualTo(TaskStatus.DONE);
                    assertThat(a.catalog().archives().list(ArchiveFilter.ALL)).hasSize(1);
                }
            }
        }
    }

    private static CairnSettings settings(Path data, String catalogUrl, String name) {
        return CairnSettings.defaults(data).withCatalog(catalogUrl).withServerName(name)
                .withScheduling(true, Duration.ofSeconds(1));
    }

    private static List<Task> tasks(Cairn cairn, Job job) {
        return cairn.catalog().tasks().list(null, 100).stream().filter(t -> job.uuid().equals(t.job())).toList();
    }
}
