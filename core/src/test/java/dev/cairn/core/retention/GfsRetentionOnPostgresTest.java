package dev.cairn.core.retention;

import dev.cairn.core.CairnSettings;
import dev.cairn.testing.PostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link GfsRetentionTest} on a PostgreSQL catalog: the same kept set, the same preview. */
final class GfsRetentionOnPostgresTest extends GfsRetentionTest {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = PostgresServer.start();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Override
    CairnSettings settings(CairnSettings defaults) {
        String database = "gfs" + DATABASES.incrementAndGet();
        postgres.createDatabase(database);
        return defaults.withCatalog(postgres.jdbcUrl(database) + "?user=" + postgres.user() + "&password=" + postgres.password());
    }
}
