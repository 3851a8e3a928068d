package dev.cairn.core.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cairn.core.CairnException;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.SqlStatements;

/**
 * The catalog database: SQLite in the data directory by default, or PostgreSQL for production
 * and for several servers sharing one catalog. Opening it brings its schema up to date.
 *
 * <p>Under load: a caller waits at most {@link #CONNECTION_WAIT} for a pooled connection, then gets
 * Jdbi's {@code ConnectionException} (the API answers 503), never a minute's hang. No catalog call
 * takes a second connection while it holds one, so the pool cannot deadlock on itself. On SQLite,
 * virtual threads hand their work to platform threads ({@link PlatformThreadCalls}) and writers take
 * turns in Java ({@link SingleWriter}).
 */
public final class Catalog implements AutoCloseable {
    /** How long a caller waits for a pooled connection before the catalog is reported busy. */
    public static final Duration CONNECTION_WAIT = Duration.ofSeconds(5);
    private static final int SQLITE_CONNECTIONS = 8;
    private static final int POSTGRES_CONNECTIONS = 12;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;
    private final PlatformThreadCalls platformCalls;

    private Catalog(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        int schedulerConnections = 2;
        this.jdbi = Jdbi.create(new FairConnections(dataSource, dataSource.getMaximumPoolSize() - schedulerConnections,
                CONNECTION_WAIT));
        if (postgres) {
            // pgjdbc is plain Java: a virtual thread waiting on its socket unmounts
            this.platformCalls = null;
        } else {
            this.platformCalls = new PlatformThreadCalls(dataSource.getMaximumPoolSize());
            SingleWriter writer = new SingleWriter();
            jdbi.setHandleCallbackDecorator(platformCalls);
            jdbi.setTransactionHandler(writer.transactions(jdbi.getTransactionHandler()));
            jdbi.getConfig(SqlStatements.class).addCustomizer(writer);
        }
    }

    /** Opens the SQLite catalog at {@code <dataDir>/catalog.db}. */
    public static Catalog sqlite(Path dataDir) {
        return open("jdbc:sqlite:" + dataDir.resolve("catalog.db").toAbsolutePath());
    }

    /**
     * Opens the catalog at {@code jdbcUrl} ({@code jdbc:sqlite:…} or {@code jdbc:postgresql:…})
     * and migrates it.
     */
    public static Catalog open(String jdbcUrl) {
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        if (!postgres && !jdbcUrl.startsWith("jdbc:sqlite:")) {
            throw new CairnException.InvalidInput("catalog must be a jdbc:sqlite: or jdbc:postgresql: URL, got " + jdbcUrl);
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("catalog");
        config.setConnectionTimeout(CONNECTION_WAIT.toMillis());
        if (postgres) {
            config.setJdbcUrl(jdbcUrl);
            config.setMaximumPoolSize(POSTGRES_CONNECTIONS);
        } else {
            // WAL lets the API read while a task writes; IMMEDIATE transactions take the write
            // lock up front so that a transaction never fails half-way on upgrading a read lock.
            // Writers of this process queue in SingleWriter; busy_timeout is for other processes.
            config.setJdbcUrl(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?")
                    + "journal_mode=WAL&synchronous=NORMAL&busy_timeout=30000&foreign_keys=true&transaction_mode=IMMEDIATE");
            config.setMaximumPoolSize(SQLITE_CONNECTIONS);
        }
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new CairnException.Failure("cannot open catalog " + redactUrl(jdbcUrl) + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/catalog", "classpath:db/scheduler/" + (postgres ? "postgresql" : "sqlite"))
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new CairnException.Failure("cannot migrate catalog " + redactUrl(jdbcUrl) + ": " + e.getMessage(), e);
        }
        return new Catalog(dataSource, postgres);
    }

    private static String redactUrl(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1********");
    }

    public Jdbi jdbi() {
        return jdbi;
    }

    public DataSource dataSource() {
        return dataSource;
    }

    public boolean postgres() {
        return postgres;
    }

    @Override
    public void close() {
        dataSource.close();
        if (platformCalls != null) {
            platformCalls.close();
        }
    }
}
