package dev.cairn.plugins.sqlite;

import dev.cairn.plugin.PluginException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;
import org.sqlite.SQLiteOpenMode;

/** Opens connections to an existing database file (never creating one) and runs one-value statements. */
final class Connections {
    /** How long Cairn waits for another connection's lock before giving up. */
    static final Duration BUSY_TIMEOUT = Duration.ofSeconds(60);

    private Connections() {
    }

    /** A connection to the database at {@code database}, which must exist. */
    static Connection open(Path database) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        config.resetOpenMode(SQLiteOpenMode.CREATE);
        config.setBusyTimeout((int) BUSY_TIMEOUT.toMillis());
        return config.createConnection("jdbc:sqlite:" + database);
    }

    /** The first column of the first row {@code sql} returns, as text. */
    static String text(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            return rows.next() ? rows.getString(1) : null;
        }
    }

    /** The first row {@code sql} returns, as numbers. */
    static long[] numbers(Connection connection, String sql, int columns) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new SQLException(sql + " returned no row");
            }
            long[] values = new long[columns];
            for (int column = 0; column < columns; column++) {
                values[column] = rows.getLong(column + 1);
            }
            return values;
        }
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Whether {@code e} says the file is not a SQLite database. */
    static boolean notADatabase(SQLException e) {
        return e instanceof SQLiteException sqlite && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_NOTADB;
    }

    /** Whether {@code e} says another connection held a lock for longer than the busy timeout. */
    static boolean busy(SQLException e) {
        return e instanceof SQLiteException sqlite && sqlite.getResultCode().name().startsWith("SQLITE_BUSY");
    }

    /** {@code e} as one readable line about {@code database}. */
    static PluginException failure(String doing, Path database, SQLException e) {
        String why = busy(e) ? "another connection kept it locked for more than " + BUSY_TIMEOUT.toSeconds() + " s"
                : notADatabase(e) ? "the file is not a SQLite database"
                : String.valueOf(e.getMessage()).replace('\n', ' ');
        return new PluginException("cannot " + doing + " SQLite database " + database + ": " + why, e);
    }
}
