package dev.cairn.core.sanitise;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Applies a kept table's column rules. With SQL rules only, one {@code UPDATE}. With Java rules,
 * the table is read a page at a time in primary key order (keyset pagination, so memory stays flat
 * whatever its size), the new values go into a scratch map table of old key to new values (COPY on
 * PostgreSQL), and one set-based statement applies them with the SQL rules: an {@code UPDATE}
 * joined with the map, or, when a Java rule changes a column of a primary or unique key (a hashed
 * id), emptying the table and filling it again from a copy joined with the map, since updating in
 * place would collide with rows not yet rewritten although the end result is unique. All in the
 * caller's transaction, with foreign key checks off.
 */
final class ColumnRewriter {
    static final int PAGE = 10_000;
    private static final String MAP = "cairn_map";
    private static final String COPY = "cairn_copy";
    private final Connection connection;
    private final Dialect dialect;
    private final JavaRules rules;
    private final Consumer<String> log;

    ColumnRewriter(Connection connection, Dialect dialect, JavaRules rules, Consumer<String> log) {
        this.connection = connection;
        this.dialect = dialect;
        this.rules = rules;
        this.log = log;
    }

    void apply(Plan plan, Plan.TablePlan table) throws SQLException {
        List<LiveSchema.Column> inSql = table.withRule(false);
        List<LiveSchema.Column> inJava = table.withRule(true);
        if (inJava.isEmpty()) {
            if (!inSql.isEmpty()) {
                updateInSql(table, inSql);
            }
            return;
        }
        String map = dialect.quote(MAP);
        String copy = dialect.quote(COPY);
        try (Statement statement = connection.createStatement()) {
            try {
                long rows = fillMap(table, inJava, map, statement);
                boolean unique = inJava.stream().anyMatch(c -> table.table().unique(c.name()));
                if (unique) {
                    rewrite(plan, table, inSql, inJava, map, copy, statement);
                } else {
                    updateJoined(table, inSql, inJava, map);
                }
                log.accept(table.table().qualified() + ": " + (inSql.size() + inJava.size()) + " column(s) rewritten on "
                        + rows + " rows" + (unique ? " (a key among them: table emptied and filled again)" : ""));
            } finally {
                statement.execute("DROP TABLE IF EXISTS " + copy);
                statement.execute("DROP TABLE IF EXISTS " + map);
            }
        }
    }

    private void updateInSql(Plan.TablePlan table, List<LiveSchema.Column> columns) throws SQLException {
        List<String> values = new ArrayList<>();
        String sets = columns.stream().map(c -> dialect.quote(c.name()) + " = " + sqlExpression(table, c, values))
                .collect(Collectors.joining(", "));
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + dialect.table(table.table()) + " SET " + sets)) {
            bind(update, values);
            int rows = update.executeUpdate();
            log.accept(table.table().qualified() + ": " + columns.size() + " column(s) set in SQL on " + rows + " rows");
        }
    }

    /** The SQL for an SQL rule's new value; a constant is added to {@code values} and bound as a parameter. */
    private String sqlExpression(Plan.TablePlan table, LiveSchema.Column column, List<String> values) {
        return switch (table.columns().get(column.name())) {
            case ColumnRule.Null n -> "NULL";
            case ColumnRule.Value v -> {
                values.add(v.value());
                yield dialect.parameter(column);
            }
            case ColumnRule.Sql s -> "(" + s.expression() + ")";
            default -> throw new IllegalStateException("not an SQL rule: " + table.columns().get(column.name()));
        };
    }

    private static void bind(PreparedStatement statement, List<String> values) throws SQLException {
        for (int i = 0; i < values.size(); i++) {
            statement.setString(i + 1, values.get(i));
        }
    }

    private long fillMap(Plan.TablePlan table, List<LiveSchema.Column> columns, String map, Statement statement)
            throws SQLException {
        List<String> key = table.table().primaryKey();
        String mapColumns = IntStream.range(0, key.size()).mapToObj(i -> dialect.quote(key.get(i)) + " AS cairn_k" + i)
                .collect(Collectors.joining(", ")) + ", " + IntStream.range(0, columns.size())
                .mapToObj(i -> dialect.quote(columns.get(i).name()) + " AS cairn_v" + i).collect(Collectors.joining(", "));
        statement.execute(dialect.createScratch(map, "SELECT " + mapColumns + " FROM " + dialect.table(table.table()) + " WHERE 1 = 0"));
        long rows;
        try (MapWriter writer = dialect.mapWriter(connection, map, key.size(), columns)) {
            rows = page(table, columns, writer);
        }
        statement.execute("ALTER TABLE " + map + " ADD PRIMARY KEY ("
                + IntStream.range(0, key.size()).mapToObj(i -> "cairn_k" + i).collect(Collectors.joining(", ")) + ")");
        return rows;
    }

    private String joinOnKey(Plan.TablePlan table, String alias) {
        List<String> key = table.table().primaryKey();
        return IntStream.range(0, key.size()).mapToObj(i -> alias + "." + dialect.quote(key.get(i)) + " = m.cairn_k" + i)
                .collect(Collectors.joining(" AND "));
    }

    private void updateJoined(Plan.TablePlan table, List<LiveSchema.Column> inSql, List<LiveSchema.Column> inJava, String map)
            throws SQLException {
        List<String> values = new ArrayList<>();
        List<String> sets = new ArrayList<>();
        for (LiveSchema.Column column : inSql) {
            sets.add(dialect.setColumn(column.name()) + " = " + sqlExpression(table, column, values));
        }
        for (int i = 0; i < inJava.size(); i++) {
            sets.add(dialect.setColumn(inJava.get(i).name()) + " = m.cairn_v" + i);
        }
        try (PreparedStatement update = connection.prepareStatement(dialect.updateJoined(dialect.table(table.table()), map,
                joinOnKey(table, "t"), String.join(", ", sets)))) {
            bind(update, values);
            update.executeUpdate();
        }
    }

    private void rewrite(Plan plan, Plan.TablePlan table, List<LiveSchema.Column> inSql, List<LiveSchema.Column> inJava,
                         String map, String copy, Statement statement) throws SQLException {
        String target = dialect.table(table.table());
        List<LiveSchema.Column> written = table.table().columns().stream().filter(c -> !c.generated()).toList();
        String names = written.stream().map(c -> dialect.quote(c.name())).collect(Collectors.joining(", "));
        statement.execute(dialect.createScratch(copy, "SELECT " + names + " FROM " + target));
        boolean referenced = plan.schema().foreignKeys().stream().anyMatch(k -> k.parent().equals(table.table().qualified()));
        if (referenced) {
            statement.executeUpdate("DELETE FROM " + target);
        } else {
            dialect.empty(connection, List.of(target));
        }
        List<String> values = new ArrayList<>();
        String select = written.stream().map(c -> {
            int index = inJava.indexOf(c);
            if (index >= 0) {
                return "m.cairn_v" + index;
            }
            return inSql.contains(c) ? sqlExpression(table, c, values) : "c." + dialect.quote(c.name());
        }).collect(Collectors.joining(", "));
        // rows in the order of the new primary key fill its index page by page instead of at random
        String newKey = table.table().primaryKey().stream().map(k -> {
            int index = inJava.indexOf(table.table().column(k).orElseThrow());
            return index >= 0 ? "m.cairn_v" + index : "c." + dialect.quote(k);
        }).collect(Collectors.joining(", "));
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + target + " (" + names + ")"
                + dialect.overridingIdentity() + " SELECT " + select + " FROM " + copy + " c JOIN " + map + " m ON "
                + joinOnKey(table, "c") + " ORDER BY " + newKey)) {
            bind(insert, values);
            insert.executeUpdate();
        }
    }

    /**
     * Reads the table a page at a time in primary key order ({@code key > last} pages, never
     * OFFSET), computes the new values and hands each row to {@code writer}, flushed after each
     * page. Returns the number of rows.
     */
    private long page(Plan.TablePlan table, List<LiveSchema.Column> columns, MapWriter writer) throws SQLException {
        List<String> key = table.table().primaryKey().stream().map(dialect::quote).toList();
        String keyList = String.join(", ", key);
        String select = "SELECT " + keyList + ", " + columns.stream().map(c -> dialect.quote(c.name()))
                .collect(Collectors.joining(", ")) + " FROM " + dialect.table(table.table());
        String order = " ORDER BY " + keyList + " LIMIT " + PAGE;
        String next = select + " WHERE (" + keyList + ") > (" + key.stream().map(c -> "?").collect(Collectors.joining(", "))
                + ")" + order;
        Object[] last = null;
        long total = 0;
        try (PreparedStatement firstPage = connection.prepareStatement(select + order);
             PreparedStatement nextPage = connection.prepareStatement(next)) {
            while (true) {
                if (last != null) {
                    for (int i = 0; i < last.length; i++) {
                        nextPage.setObject(i + 1, last[i]);
                    }
                }
                int rows = 0;
                try (ResultSet page = (last == null ? firstPage : nextPage).executeQuery()) {
                    while (page.next()) {
                        Object[] keyValues = new Object[key.size()];
                        String[] keyText = new String[key.size()];
                        for (int i = 0; i < keyValues.length; i++) {
                            keyValues[i] = page.getObject(i + 1);
                            keyText[i] = page.getString(i + 1);
                        }
                        Object[] newValues = new Object[columns.size()];
                        for (int i = 0; i < newValues.length; i++) {
                            LiveSchema.Column column = columns.get(i);
                            Object value = JavaRules.read(page, key.size() + i + 1, column);
                            newValues[i] = rules.apply(table.columns().get(column.name()), column, value);
                        }
                        writer.add(keyText, keyValues, newValues);
                        last = keyValues;
                        rows++;
                    }
                }
                writer.flush();
                total += rows;
                if (rows < PAGE) {
                    return total;
                }
            }
        }
    }
}
