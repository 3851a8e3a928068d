package dev.cairn.core.sanitise;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * PostgreSQL: the schema from {@code pg_catalog} (every schema but the system ones), foreign key
 * checks off through {@code session_replication_role = replica}, which needs a superuser — the
 * scratch instance's owner is one.
 */
final class PostgresDialect implements Dialect {
    private static final String USER_SCHEMAS = "n.nspname NOT IN ('pg_catalog', 'information_schema') "
            + "AND n.nspname NOT LIKE 'pg\\_%'";
    private static final String COLUMNS = """
            SELECT n.nspname, c.relname, a.attname, format_type(a.atttypid, a.atttypmod) AS sql_type,
                   COALESCE(bt.typname, t.typname) AS type_name, NOT a.attnotnull AS nullable,
                   CASE WHEN a.atttypmod > 4 AND COALESCE(bt.typname, t.typname) IN ('varchar', 'bpchar')
                        THEN a.atttypmod - 4 ELSE 0 END AS max_length,
                   a.attgenerated <> '' AS generated
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_type bt ON t.typtype = 'd' AND bt.oid = t.typbasetype
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition AND a.attnum > 0 AND NOT a.attisdropped AND %s
            ORDER BY n.nspname, c.relname, a.attnum
            """.formatted(USER_SCHEMAS);
    private static final String UNIQUE_KEYS = """
            SELECT n.nspname, c.relname, i.indisprimary,
                   ARRAY(SELECT a.attname FROM unnest(i.indkey::int2[]) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
                   0 = ALL (i.indkey::int2[]) OR i.indexprs IS NOT NULL AS expression
            FROM pg_index i
            JOIN pg_class c ON c.oid = i.indrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE i.indisunique AND i.indpred IS NULL AND %s
            ORDER BY n.nspname, c.relname, i.indisprimary DESC, i.indexrelid
            """.formatted(USER_SCHEMAS);
    private static final String FOREIGN_KEYS = """
            SELECT con.conname, n.nspname, c.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.ord),
                   fn.nspname, fc.relname,
                   ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY k(attnum, ord)
                         JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.ord)
            FROM pg_constraint con
            JOIN pg_class c ON c.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_class fc ON fc.oid = con.confrelid
            JOIN pg_namespace fn ON fn.oid = fc.relnamespace
            WHERE con.contype = 'f' AND NOT c.relispartition AND %s
            ORDER BY n.nspname, c.relname, con.conname
            """.formatted(USER_SCHEMAS);

    private static final String PARTITION_ROOTS = """
            SELECT n.nspname, c.relname, rn.nspname, r.relname
            FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_class r ON r.oid = pg_partition_root(c.oid)
            JOIN pg_namespace rn ON rn.oid = r.relnamespace
            WHERE c.relispartition AND c.relkind IN ('r', 'p') AND %s
            """.formatted(USER_SCHEMAS);

    @Override
    public Map<String, String> partitionRoots(Connection connection) throws SQLException {
        Map<String, String> roots = new LinkedHashMap<>();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(PARTITION_ROOTS)) {
            while (rows.next()) {
                roots.put(rows.getString(1) + "." + rows.getString(2), rows.getString(3) + "." + rows.getString(4));
            }
        }
        return roots;
    }

    @Override
    public LiveSchema read(Connection connection) throws SQLException {
        Map<String, List<LiveSchema.Column>> columns = new LinkedHashMap<>();
        Map<String, String[]> names = new LinkedHashMap<>();
        Map<String, List<String>> primaryKeys = new LinkedHashMap<>();
        Map<String, List<List<String>>> uniqueKeys = new LinkedHashMap<>();
        List<LiveSchema.ForeignKey> foreignKeys = new ArrayList<>();
        try (Statement statement = connection.createStatement()) {
            try (ResultSet rows = statement.executeQuery(COLUMNS)) {
                while (rows.next()) {
                    String qualified = rows.getString(1) + "." + rows.getString(2);
                    names.putIfAbsent(qualified, new String[] {rows.getString(1), rows.getString(2)});
                    columns.computeIfAbsent(qualified, q -> new ArrayList<>()).add(column(rows));
                }
            }
            try (ResultSet rows = statement.executeQuery(UNIQUE_KEYS)) {
                while (rows.next()) {
                    if (rows.getBoolean("expression")) {
                        continue;
                    }
                    String qualified = rows.getString(1) + "." + rows.getString(2);
                    List<String> key = Arrays.asList((String[]) rows.getArray("columns").getArray());
                    if (rows.getBoolean("indisprimary")) {
                        primaryKeys.put(qualified, key);
                    } else {
                        uniqueKeys.computeIfAbsent(qualified, q -> new ArrayList<>()).add(key);
                    }
                }
            }
            try (ResultSet rows = statement.executeQuery(FOREIGN_KEYS)) {
                while (rows.next()) {
                    foreignKeys.add(new LiveSchema.ForeignKey(rows.getString(1), rows.getString(2) + "." + rows.getString(3),
                            Arrays.asList((String[]) rows.getArray(4).getArray()), rows.getString(5) + "." + rows.getString(6),
                            Arrays.asList((String[]) rows.getArray(7).getArray())));
                }
            }
        }
        List<LiveSchema.Table> tables = names.entrySet().stream().map(e -> new LiveSchema.Table(e.getValue()[0],
                e.getValue()[1], columns.get(e.getKey()), primaryKeys.getOrDefault(e.getKey(), List.of()),
                uniqueKeys.getOrDefault(e.getKey(), List.of()))).toList();
        return new LiveSchema("public", tables, foreignKeys);
    }

    private static LiveSchema.Column column(ResultSet rows) throws SQLException {
        String type = rows.getString("type_name");
        LiveSchema.Kind kind = switch (type) {
            case "int2", "int4", "int8" -> LiveSchema.Kind.INTEGER;
            case "numeric" -> LiveSchema.Kind.DECIMAL;
            case "float4", "float8" -> LiveSchema.Kind.FLOAT;
            case "text", "varchar", "bpchar", "citext", "name" -> LiveSchema.Kind.TEXT;
            case "uuid" -> LiveSchema.Kind.UUID;
            case "date" -> LiveSchema.Kind.DATE;
            case "timestamp" -> LiveSchema.Kind.TIMESTAMP;
            case "timestamptz" -> LiveSchema.Kind.TIMESTAMPTZ;
            case "bool" -> LiveSchema.Kind.BOOLEAN;
            default -> LiveSchema.Kind.OTHER;
        };
        long max = switch (type) {
            case "int2" -> Short.MAX_VALUE;
            case "int4" -> Integer.MAX_VALUE;
            default -> Long.MAX_VALUE;
        };
        long min = switch (type) {
            case "int2" -> Short.MIN_VALUE;
            case "int4" -> Integer.MIN_VALUE;
            default -> Long.MIN_VALUE;
        };
        return new LiveSchema.Column(rows.getString("attname"), kind, rows.getString("sql_type"), rows.getBoolean("nullable"),
                min, max, rows.getInt("max_length"), rows.getBoolean("generated"));
    }

    @Override
    public String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String parameter(LiveSchema.Column column) {
        return "CAST(? AS " + column.sqlType() + ")";
    }

    @Override
    public void foreignKeyChecks(Connection connection, boolean on) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET session_replication_role = " + (on ? "origin" : "replica"));
        }
    }

    @Override
    public String percentOf(List<String> quotedKey, double percent) {
        String key = quotedKey.stream().map(c -> "COALESCE(" + c + "::text, '')").collect(Collectors.joining(" || '|' || "));
        return "(abs(hashtext(" + key + ")::bigint) % 10000) < " + Math.round(percent * 100);
    }

    @Override
    public String insertMissing(String table, String select) {
        return "INSERT INTO " + table + " " + select + " ON CONFLICT DO NOTHING";
    }

    @Override
    public void empty(Connection connection, List<String> tables) throws SQLException {
        if (tables.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE " + String.join(", ", tables));
        }
    }

    @Override
    public String createScratch(String name, String select) {
        return "CREATE TEMPORARY TABLE " + name + " AS " + select;
    }

    @Override
    public String overridingIdentity() {
        return " OVERRIDING SYSTEM VALUE";
    }

    @Override
    public MapWriter mapWriter(Connection connection, String map, int keyColumns, List<LiveSchema.Column> values)
            throws SQLException {
        return new CopyMapWriter(connection, map);
    }

    @Override
    public String updateJoined(String target, String map, String on, String sets) {
        return "UPDATE " + target + " t SET " + sets + " FROM " + map + " m WHERE " + on;
    }
}
