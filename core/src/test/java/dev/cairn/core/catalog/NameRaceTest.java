package dev.cairn.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.CairnException;
import dev.cairn.core.schedule.Timespec;
import dev.cairn.testing.PostgresServer;
import java.time.ZoneId;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Two clients giving two items one name at the same moment on a PostgreSQL catalog: both may pass
 * the check before either saves, and the unique index then refuses one; that one is the same 409
 * as a plain clash, never a 500.
 */
final class NameRaceTest {

    @Test
    void twoSchedulesRenamedToOneNameAtOnceLeaveOneAndAConflict() throws Exception {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("catalog");
            String url = postgres.jdbcUrl("catalog") + "?user=" + postgres.user() + "&password=" + postgres.password();
            try (Catalog catalog = Catalog.open(url)) {
                Schedules schedules = new Schedules(catalog.jdbi());
                for (int round = 0; round < 10; round++) {
                    Schedule a = schedule("a-" + round);
                    Schedule b = schedule("b-" + round);
                    schedules.insert(a);
                    schedules.insert(b);
                    String shared = "shared-" + round;
                    CyclicBarrier together = new CyclicBarrier(2);
                    CompletableFuture<String> first = CompletableFuture.supplyAsync(() -> rename(schedules, a, shared, together));
                    CompletableFuture<String> second = CompletableFuture.supplyAsync(() -> rename(schedules, b, shared, together));

                    assertThat(List.of(first.join(), second.join())).as("round %d", round)
                            .containsExactlyInAnyOrder("saved", "conflict");
                    assertThat(schedules.list(Usage.ANY).stream().filter(s -> s.name().equals(shared))).hasSize(1);
                }
            }
        }
    }

    private static Schedule schedule(String name) {
        return new Schedule(UUID.randomUUID(), name, "", Timespec.parse("daily 4am"), ZoneId.of("UTC"));
    }

    private static String rename(Schedules schedules, Schedule schedule, String name, CyclicBarrier together) {
        try {
            together.await();
            schedules.update(new Schedule(schedule.uuid(), name, "", schedule.when(), schedule.timezone()));
            return "saved";
        } catch (CairnException.Conflict e) {
            return "conflict";
        } catch (Exception e) {
            return "failed: " + e;
        }
    }
}
