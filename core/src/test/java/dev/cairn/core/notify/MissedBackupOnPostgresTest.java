package dev.cairn.core.notify;

import dev.cairn.core.CairnSettings;
import dev.cairn.testing.PostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@link MissedBackupTest} on a PostgreSQL catalog: the alarm raised once across the catalog, and cleared. */
final class MissedBackupOnPostgresTest extends MissedBackupTest {
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
        String database = "notify" + DATABASES.incrementAndGet();
        postgres.createDatabase(database);
        return defaults.withCatalog(postgres.jdbcUrl(database) + "?user=" + postgres.user() + "&password=" + postgres.password());
    }
}
