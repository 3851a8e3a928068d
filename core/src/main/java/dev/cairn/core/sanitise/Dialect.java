package dev.cairn.core.sanitise;

import dev.cairn.core.CairnException;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * What differs between the data systems a sanitiser runs on: reading the schema, quoting, casts,
 * switching foreign key checks off and emptying tables. One implementation per data system.
 */
interface Dialect {

    /** The dialect of the database {@code connection} is connected to. */
    static Dialect of(Connection connection) {
        String product;
        try {
            product = connection.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new CairnException.Failure("cannot tell which database the sanitiser is connected to: " + e.getMessage(), e);
        }
        return switch (product) {
            case "PostgreSQL" -> new PostgresDialect();
            case "MariaDB", "MySQL" -> new MariaDbDialect();
            default -> throw new CairnException.InvalidInput("sanitising supports PostgreSQL and MariaDB/MySQL, not " + product);
        };
    }

    LiveSchema read(Connection connection) throws SQLException;

    String quote(String identifier);

    /**
     * The partitions whose rows a data script loads into them directly, each to the table {@link
     * #read} lists for it (its partition root), by qualified name; empty where partitions are not
     * tables of their own.
     */
    default Map<String, String> partitionRoots(Connection connection) throws SQLException {
        return Map.of();
    }

    default String table(LiveSchema.Table table) {
        return quote(table.schema()) + "." + quote(table.name());
    }

    /** A bind parameter for a value of {@code column}, with whatever cast the dialect needs. */
    String parameter(LiveSchema.Column column);

    /** Switches foreign key checks (and the actions they run) off for this session, or back on. */
    void foreignKeyChecks(Connection connection, boolean on) throws SQLException;

    /** A condition true for about {@code percent} per cent of the rows, the same ones each run. */
    String percentOf(List<String> quotedKey, double percent);

    /** An INSERT of {@code select} into {@code table} that skips rows already there. */
    String insertMissing(String table, String select);

    /** Empties {@code tables} (quoted names), which no kept table references. */
    void empty(Connection connection, List<String> tables) throws SQLException;

    /** Creates the scratch table {@code name} (quoted) from {@code select}; the caller drops it. */
    String createScratch(String name, String select);

    /** A writer of (old key, new values) rows into the scratch table {@code map} (quoted). */
    MapWriter mapWriter(Connection connection, String map, int keyColumns, List<LiveSchema.Column> values) throws SQLException;

    /**
     * An UPDATE of {@code target} (alias {@code t}) joined with {@code map} (alias {@code m}) on
     * {@code on}, setting {@code sets} (each {@code column = expression}, the column as
     * {@link #setColumn} spells it).
     */
    String updateJoined(String target, String map, String on, String sets);

    /** {@code column} as the left side of a SET in {@link #updateJoined}. */
    default String setColumn(String column) {
        return quote(column);
    }

    /** The clause after {@code INSERT INTO t (…)} that lets it write identity columns ("" when none is needed). */
    default String overridingIdentity() {
        return "";
    }
}
