package dev.cairn.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.schedule.Timespec;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jdbi.v3.core.ConnectionException;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite catalog under many callers at once: who runs its work, how writers share it, how a full pool answers. */
final class CatalogConcurrencyTest {
    @TempDir
    Path temp;

    @Test
    void theCatalogWorkOfAVirtualThreadRunsOnAPlatformThread() throws Exception {
        try (Catalog catalog = Catalog.sqlite(temp); ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Boolean> ranVirtual = virtual.submit(() -> catalog.jdbi().withHandle(h -> Thread.currentThread().isVirtual()));
            Future<Boolean> ranInTransaction = virtual.submit(() -> catalog.jdbi().inTransaction(h -> Thread.currentThread().isVirtual()));

            assertThat(ranVirtual.get()).as("sqlite-jdbc's native calls would pin the virtual thread's carrier").isFalse();
            assertThat(ranInTransaction.get()).isFalse();
        }
    }

    @Test
    void twoHundredVirtualThreadsWritingAndReadingAtOnceAllSucceed() throws Exception {
        try (Catalog catalog = Catalog.sqlite(temp); ExecutorService virtual = Executors.newVirtualThreadPerTaskExecutor()) {
            Schedules schedules = new Schedules(catalog.jdbi());
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 200; w++) {
                int writer = w;
                writers.add(virtual.submit(() -> {
                    for (int i = 0; i < 10; i++) {
                        UUID uuid = UUID.randomUUID();
                        schedules.insert(new Schedule(uuid, "s-" + writer + "-" + i, "", Timespec.parse("daily at 4am"), ZoneId.of("UTC")));
                        assertThat(schedules.list(Usage.ANY)).isNotEmpty();
                        schedules.delete(uuid); // a transaction
                    }
                }));
            }
            for (Future<?> writer : writers) {
                writer.get(); // rethrows a "database is locked" or a pool time-out
            }
            assertThat(schedules.list(Usage.ANY)).isEmpty();
        }
    }

    @Test
    void aCallerFindingEveryConnectionTakenIsToldTheCatalogIsBusyInsteadOfHanging() {
        try (Catalog catalog = Catalog.sqlite(temp)) {
            List<Handle> held = new ArrayList<>();
            try {
                Throwable refused = null;
                while (refused == null && held.size() < 20) {
                    try {
                        held.add(catalog.jdbi().open());
                    } catch (ConnectionException e) {
                        refused = e;
                    }
                }
                assertThat(refused).as("the caller after %d connections were taken", held.size())
                        .isInstanceOf(ConnectionException.class).hasMessageContaining("Connection is not available");
                assertThatThrownBy(() -> catalog.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()))
                        .isInstanceOf(ConnectionException.class);
            } finally {
                held.forEach(Handle::close);
            }
            int one = catalog.jdbi().withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one());
            assertThat(one).as("a connection once they are given back").isEqualTo(1);
        }
    }
}
