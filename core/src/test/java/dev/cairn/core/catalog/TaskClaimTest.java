package dev.cairn.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claiming work: one task at a time per target, even when two servers sharing a PostgreSQL catalog
 * claim two pending tasks of the same target at the same moment.
 */
final class TaskClaimTest {
    private static final Instant NOW = Instant.parse("2026-11-21T04:00:00Z");

    @TempDir
    Path temp;

    @Test
    void twoServersClaimingTasksOfOneTargetAtOnceStartOnlyOne() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("catalog");
            String url = postgres.jdbcUrl("catalog") + "?user=" + postgres.user() + "&password=" + postgres.password();
            try (Catalog catalog = Catalog.open(url)) {
                Tasks tasks = new Tasks(catalog.jdbi());
                for (int round = 0; round < 20; round++) {
                    UUID target = UUID.randomUUID();
                    tasks.insert(pending(target));
                    tasks.insert(pending(target));
                    CyclicBarrier together = new CyclicBarrier(2);
                    CompletableFuture<Optional<Task>> a = CompletableFuture.supplyAsync(() -> claim(tasks, "server-a", together));
                    CompletableFuture<Optional<Task>> b = CompletableFuture.supplyAsync(() -> claim(tasks, "server-b", together));

                    List<Task> claimed = List.of(a.join(), b.join()).stream().flatMap(Optional::stream).toList();
                    assertThat(claimed).as("round %d", round).hasSize(1);
                    assertThat(tasks.list(TaskStatus.RUNNING, 100).stream().filter(t -> t.target().equals(target)))
                            .as("running tasks of the target in round %d", round).hasSize(1);

                    // once it ends, the other task of that target can start
                    tasks.finish(claimed.getFirst().uuid(), TaskStatus.DONE, NOW);
                    Optional<Task> next = tasks.claimNext("server-a", NOW);
                    assertThat(next).isPresent();
                    assertThat(next.get().target()).isEqualTo(target);
                    tasks.finish(next.get().uuid(), TaskStatus.DONE, NOW);
                }
            }
        }
    }

    @Test
    void aTargetWithARunningTaskIsSkippedForTheNextTargetOnSqlite() {
        try (Catalog catalog = Catalog.sqlite(temp)) {
            Tasks tasks = new Tasks(catalog.jdbi());
            UUID busy = UUID.randomUUID();
            UUID idle = UUID.randomUUID();
            // the busy target's tasks were asked for first, so they come first in the queue
            tasks.insert(pending(busy, NOW.minusSeconds(20)));
            tasks.insert(pending(busy, NOW.minusSeconds(10)));
            tasks.insert(pending(idle, NOW));

            assertThat(tasks.claimNext("server", NOW).map(Task::target)).contains(busy);
            assertThat(tasks.claimNext("server", NOW).map(Task::target)).contains(idle);
            assertThat(tasks.claimNext("server", NOW)).isEmpty();
        }
    }

    private static Optional<Task> claim(Tasks tasks, String server, CyclicBarrier together) {
        try {
            together.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return tasks.claimNext(server, NOW);
    }

    private static Task pending(UUID target) {
        return pending(target, NOW);
    }

    private static Task pending(UUID target, Instant requestedAt) {
        return new Task(UUID.randomUUID(), "test", Task.Op.BACKUP, UUID.randomUUID(), null, target, UUID.randomUUID(),
                TaskStatus.PENDING, 50, requestedAt, null, null, null, "");
    }
}
