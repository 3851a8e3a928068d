package dev.cairn.core.sanitise;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * MariaDB and MySQL: the schema of the connection's database from {@code information_schema},
 * foreign key checks off through {@code FOREIGN_KEY_CHECKS = 0}.
 */
final class MariaDbDialect implements Dialect {
    private static final String COLUMNS = """
            SELECT c.table_name, c.column_name, c.data_type, c.column_type, c.is_nullable,
                   COALESCE(c.character_maximum_length, 0), c.extra
            FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = DATABASE() AND t.table_type = 'BASE TABLE'
            ORDER BY c.table_name, c.ordinal_position
            """;
    private static final String UNIQUE_KEYS = """
            SELECT table_name, index_name, column_name
            FROM information_schema.statistics
            WHERE table_schema = DATABASE() AND non_unique = 0
            ORDER BY table_name, index_name, seq_in_index
            """;
    private static final String FOREIGN_KEYS = """
            SELECT constraint_name, table_name, column_name, referenced_table_schema, referenced_table_name,
                   referenced_column_name
            FROM information_schema.key_column_usage
            WHERE table_schema = DATABASE() AND referenced_table_name IS NOT NULL
            ORDER BY table_name, constraint_name, ordinal_position
            """;

    @Override
    public LiveSchema read(Connection connection) throws SQLException {
        String database;
        Map<String, List<LiveSchema.Column>> columns = new LinkedHashMap<>();
        Map<String, Map<String, List<String>>> indexes = new LinkedHashMap<>();
        Map<String, String[]> foreignKeyTables = new LinkedHashMap<>();
        Map<String, List<String>> childColumns = new LinkedHashMap<>();
        Map<String, List<String>> parentColumns = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery("SELECT DATABASE()")) {
                rows.next();
                database = rows.getString(1);
            }
            if (database == null) {
                throw new SQLException("the connection has no current database");
            }
            try (ResultSet rows = statement.executeQuery(COLUMNS)) {
                while (rows.next()) {
                    columns.computeIfAbsent(rows.getString(1), t -> new ArrayList<>()).add(column(rows));
                }
            }
            try (ResultSet rows = statement.executeQuery(UNIQUE_KEYS)) {
                while (rows.next()) {
                    indexes.computeIfAbsent(rows.getString(1), t -> new LinkedHashMap<>())
                            .computeIfAbsent(rows.getString(2), i -> new ArrayList<>()).add(rows.getString(3));
                }
            }
            try (ResultSet rows = statement.executeQuery(FOREIGN_KEYS)) {
                while (rows.next()) {
                    String id = rows.getString(2) + "\u0000" + rows.getString(1);
                    foreignKeyTables.putIfAbsent(id, new String[] {rows.getString(1), database + "." + rows.getString(2),
                            rows.getString(4) + "." + rows.getString(5)});
                    childColumns.computeIfAbsent(id, k -> new ArrayList<>()).add(rows.getString(3));
                    parentColumns.computeIfAbsent(id, k -> new ArrayList<>()).add(rows.getString(6));
                }
            }
        }
        List<LiveSchema.Table> tables = new ArrayList<>();
        for (Map.Entry<String, List<LiveSchema.Column>> table : columns.entrySet()) {
            Map<String, List<String>> keys = indexes.getOrDefault(table.getKey(), Map.of());
            List<String> primary = keys.getOrDefault("PRIMARY", List.of());
            List<List<String>> unique = keys.entrySet().stream().filter(k -> !k.getKey().equals("PRIMARY"))
                    .map(Map.Entry::getValue).toList();
            tables.add(new LiveSchema.Table(database, table.getKey(), table.getValue(), primary, unique));
        }
        List<LiveSchema.ForeignKey> foreignKeys = foreignKeyTables.entrySet().stream()
                .map(e -> new LiveSchema.ForeignKey(e.getValue()[0], e.getValue()[1], childColumns.get(e.getKey()),
                        e.getValue()[2], parentColumns.get(e.getKey()))).toList();
        return new LiveSchema(database, tables, foreignKeys);
    }

    private static LiveSchema.Column column(ResultSet rows) throws SQLException {
        String type = rows.getString(3).toLowerCase();
        boolean unsigned = rows.getString(4).toLowerCase().contains("unsigned");
        LiveSchema.Kind kind = switch (type) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> LiveSchema.Kind.INTEGER;
            case "decimal", "numeric" -> LiveSchema.Kind.DECIMAL;
            case "float", "double" -> LiveSchema.Kind.FLOAT;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" -> LiveSchema.Kind.TEXT;
            case "uuid" -> LiveSchema.Kind.UUID;
            case "date" -> LiveSchema.Kind.DATE;
            case "datetime", "timestamp" -> LiveSchema.Kind.TIMESTAMP;
            default -> LiveSchema.Kind.OTHER;
        };
        int bits = switch (type) {
            case "tinyint" -> 8;
            case "smallint" -> 16;
            case "mediumint" -> 24;
            case "int", "integer" -> 32;
            default -> 64;
        };
        long max = unsigned ? (bits == 64 ? Long.MAX_VALUE : (1L << bits) - 1) : (bits == 64 ? Long.MAX_VALUE : (1L << (bits - 1)) - 1);
        long min = unsigned ? 0 : (bits == 64 ? Long.MIN_VALUE : -(1L << (bits - 1)));
        long length = rows.getLong(6);
        String extra = rows.getString(7) == null ? "" : rows.getString(7).toUpperCase();
        return new LiveSchema.Column(rows.getString(2), kind, rows.getString(4), "YES".equals(rows.getString(5)), min, max,
                kind == LiveSchema.Kind.TEXT && length < Integer.MAX_VALUE ? (int) length : 0,
                extra.contains("GENERATED") || extra.contains("VIRTUAL") || extra.contains("PERSISTENT") || extra.contains("STORED"));
    }

    @Override
    public String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    @Override
    public String parameter(LiveSchema.Column column) {
        return "?";
    }

    @Override
    public void foreignKeyChecks(Connection connection, boolean on) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET FOREIGN_KEY_CHECKS = " + (on ? 1 : 0));
        }
    }

    @Override
    public String percentOf(List<String> quotedKey, double percent) {
        String key = quotedKey.stream().map(c -> "COALESCE(" + c + ", '')").collect(Collectors.joining(", '|', "));
        return "(CRC32(CONCAT(" + key + ")) % 10000) < " + Math.round(percent * 100);
    }

    @Override
    public String insertMissing(String table, String select) {
        return "INSERT IGNORE INTO " + table + " " + select;
    }

    @Override
    public void empty(Connection connection, List<String> tables) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String table : tables) {
                statement.execute("TRUNCATE TABLE " + table);
            }
        }
    }

    /** A real table, not a temporary one: MariaDB cannot read a temporary table twice in one statement. */
    @Override
    public String createScratch(String name, String select) {
        return "CREATE TABLE " + name + " AS " + select;
    }

    @Override
    public MapWriter mapWriter(Connection connection, String map, int keyColumns, List<LiveSchema.Column> values)
            throws SQLException {
        return new BatchMapWriter(connection, this, map, keyColumns, values);
    }

    @Override
    public String updateJoined(String target, String map, String on, String sets) {
        return "UPDATE " + target + " t JOIN " + map + " m ON " + on + " SET " + sets;
    }

    @Override
    public String setColumn(String column) {
        return "t." + quote(column);
    }
}
