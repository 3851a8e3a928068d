package dev.cairn.core.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.CoreFixture;
import dev.cairn.core.catalog.Orphan;
import dev.cairn.core.catalog.Orphans;
import dev.cairn.core.catalog.Store;
import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.SteppedClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Orphans (what failed backups left in a store that was down) are kept in the catalog, SQLite and
 * PostgreSQL alike, until a sweep purges them and the store confirms; a store that fails keeps the
 * rest of its orphans for the next sweep.
 */
final class OrphanSweeperTest {
    private static final Instant T0 = Instant.parse("2026-11-21T10:00:00Z");
    @TempDir
    Path temp;
    private final SteppedClock clock = new SteppedClock(T0);

    @Test
    void onASqliteCatalog() throws IOException {
        try (Cairn cairn = CoreFixture.start(settings(), clock)) {
            sweepsUntilTheStoreConfirms(cairn);
        }
    }

    @Test
    void onAPostgresCatalog() throws IOException {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("catalog");
            String url = postgres.jdbcUrl("catalog") + "?user=" + postgres.user() + "&password=" + postgres.password();
            try (Cairn cairn = CoreFixture.start(settings().withCatalog(url), clock)) {
                sweepsUntilTheStoreConfirms(cairn);
            }
        }
    }

    private CairnSettings settings() {
        return CairnSettings.defaults(temp.resolve("data")).withScheduling(false, Duration.ofSeconds(15));
    }

    private void sweepsUntilTheStoreConfirms(Cairn cairn) throws IOException {
        Path directory = temp.resolve("store");
        Store store = new Store(UUID.randomUUID(), "vault", "", "fs", Map.of("path", directory.toString()));
        cairn.catalog().stores().insert(store);
        Orphans orphans = cairn.catalog().orphans();
        UUID task = UUID.randomUUID();
        Files.createDirectories(directory.resolve("site"));
        Files.writeString(directory.resolve("site/first.age"), "half an object");
        Files.writeString(directory.resolve("site/first.age.manifest.json"), "{}");
        // the store cannot remove the second: its name is taken by a directory that is not empty
        Files.createDirectories(directory.resolve("site/second.age/blocker"));

        orphans.recordFailure(store.uuid(), "site/first.age", task, "store down", T0);
        orphans.recordFailure(store.uuid(), "site/first.age", task, "store still down", T0.plusSeconds(300));
        orphans.recordFailure(store.uuid(), "site/second.age", task, "store down", T0.plusSeconds(1));
        orphans.recordFailure(store.uuid(), "site/third.age", null, "store down", T0.plusSeconds(2));
        assertThat(orphans.list()).first().isEqualTo(new Orphan(store.uuid(), "site/first.age", task, "store still down", 2,
                T0, T0.plusSeconds(300)));
        assertThat(cairn.catalog().stores().health(store.uuid()).orphans()).isEqualTo(3);

        assertThat(cairn.orphanSweeper().sweep(T0.plusSeconds(600))).isEqualTo(1);

        assertThat(directory.resolve("site/first.age")).doesNotExist();
        assertThat(directory.resolve("site/first.age.manifest.json")).doesNotExist();
        assertThat(orphans.list()).extracting(Orphan::key, Orphan::attempts, Orphan::lastTryAt).containsExactly(
                tuple("site/second.age", 2, T0.plusSeconds(600)),
                tuple("site/third.age", 1, T0.plusSeconds(2)));
        assertThat(orphans.list().getFirst().reason()).contains("site/second.age");

        Files.delete(directory.resolve("site/second.age/blocker"));
        assertThat(cairn.orphanSweeper().sweep(T0.plusSeconds(900))).isEqualTo(2);
        assertThat(orphans.list()).isEmpty();
        assertThat(directory.resolve("site/second.age")).doesNotExist();

        orphans.recordFailure(store.uuid(), "site/fourth.age", task, "store down", T0.plusSeconds(1200));
        cairn.catalog().stores().delete(store.uuid());
        assertThat(orphans.list()).as("a deleted store's orphans are the operator's").isEmpty();
    }
}
