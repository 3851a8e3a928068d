package dev.cairn.core.catalog;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.cairn.core.CairnException;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog database: SQLite in the data directory by default, or PostgreSQL for production
 * and for several servers sharing one catalog. Opening it brings its schema up to date.
 */
public final class Catalog implements AutoCloseable {
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final boolean postgres;

    private Catalog(HikariDataSource dataSource, boolean postgres) {
        this.dataSource = dataSource;
        this.postgres = postgres;
        this.jdbi = Jdbi.create(dataSource);
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
        if (postgres) {
            config.setJdbcUrl(jdbcUrl);
            config.setMaximumPoolSize(10);
        } else {
            // WAL lets the API read while a task writes; IMMEDIATE transactions take the write
            // lock up front so that two writers queue instead of failing with "database is locked".
            config.setJdbcUrl(jdbcUrl + (jdbcUrl.contains("?") ? "&" : "?")
                    + "journal_mode=WAL&synchronous=NORMAL&busy_timeout=30000&foreign_keys=true&transaction_mode=IMMEDIATE");
            config.setMaximumPoolSize(4);
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
    }
}
