package dev.cairn.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.PostgresServer;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Newest first, to the millisecond: of two backups of a target started in the same second, the later is
 * the newest (what "latest" downloads), whichever uuid each drew; on both catalog databases.
 */
final class ArchiveOrderTest {
    private static final Instant SECOND = Instant.parse("2026-12-04T04:00:00Z");

    @TempDir
    Path temp;

    @Test
    void theLaterOfTwoBackupsInOneSecondIsTheNewestOnSqlite() {
        try (Catalog catalog = Catalog.sqlite(temp)) {
            theLaterIsTheNewest(catalog);
        }
    }

    @Test
    void theLaterOfTwoBackupsInOneSecondIsTheNewestOnPostgres() {
        try (PostgresServer postgres = PostgresServer.start()) {
            postgres.createDatabase("catalog");
            try (Catalog catalog = Catalog.open(postgres.jdbcUrl("catalog") + "?user=" + postgres.user() + "&password="
                    + postgres.password())) {
                theLaterIsTheNewest(catalog);
            }
        }
    }

    private static void theLaterIsTheNewest(Catalog catalog) {
        Store store = new Store(UUID.randomUUID(), "vault", "", "fs", Map.of());
        new Stores(catalog.jdbi(), new EndpointCodec() {
            @Override
            public String encode(String plugin, Map<String, Object> endpoint) {
                return "{}";
            }

            @Override
            public Map<String, Object> decode(String plugin, String stored) {
                return Map.of();
            }
        }).insert(store);
        Archives archives = new Archives(catalog.jdbi());
        UUID target = UUID.randomUUID();
        // the earlier draws the uuid that sorts first, so the uuid cannot be what orders them
        UUID earlier = UUID.fromString("00000000-0000-4000-8000-000000000001");
        UUID later = UUID.fromString("ffffffff-ffff-4fff-bfff-ffffffffffff");
        archives.insert(archive(earlier, target, store, SECOND.plusMillis(120)));
        archives.insert(archive(later, target, store, SECOND.plusMillis(870)));
        ArchiveFilter ofTarget = new ArchiveFilter(target, null, null, null, false);
        assertThat(archives.list(ofTarget)).extracting(Archive::uuid).containsExactly(later, earlier);
        assertThat(archives.page(ofTarget, 0, 1).items()).extracting(Archive::uuid).containsExactly(later);
        assertThat(archives.list(ofTarget).getFirst().takenAt()).as("the API's whole second").isEqualTo(SECOND);
    }

    private static Archive archive(UUID uuid, UUID target, Store store, Instant takenAt) {
        return new Archive(uuid, target, "fs", store.uuid(), null, "shop/" + uuid, "shop/" + uuid + ".json", takenAt,
                takenAt.plusSeconds(86_400), "", Archive.Status.VALID, 10, 10, "0".repeat(64), "zstd", "age", null);
    }
}
