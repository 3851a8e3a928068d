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
 * Applies a kept table's column rules: the SQL ones in one {@code UPDATE}, then the Java ones on
 * rows streamed in primary key order a page at a time (keyset pagination), so memory stays flat
 * whatever the table's size.
 *
 * <p>When a Java rule changes a column of a primary or unique key (a hashed id), updating rows in
 * place would collide with rows not yet rewritten, though the end result is unique. Then the new
 * values go into a scratch table of old key to new values, and the table is emptied and filled again
 * from a copy joined with it, in the same transaction, with foreign key checks off.
 */
final class ColumnRewriter {
    static final int PAGE = 1000;
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

    void apply(Plan.TablePlan plan) throws SQLException {
        List<LiveSchema.Column> inSql = plan.withRule(false);
        List<LiveSchema.Column> inJava = plan.withRule(true);
        if (!inSql.isEmpty()) {
            updateInSql(plan, inSql);
        }
        if (inJava.isEmpty()) {
            return;
        }
        if (inJava.stream().anyMatch(c -> plan.table().unique(c.name()))) {
            rewrite(plan, inJava);
        } else {
            updateInPlace(plan, inJava);
        }
    }

    private void updateInSql(Plan.TablePlan plan, List<LiveSchema.Column> columns) throws SQLException {
        List<String> values = new ArrayList<>();
        String sets = columns.stream().map(c -> dialect.quote(c.name()) + " = " + switch (plan.columns().get(c.name())) {
            case ColumnRule.Null n -> "NULL";
            case ColumnRule.Value v -> {
                values.add(v.value());
                yield dialect.parameter(c);
            }
            case ColumnRule.Sql s -> "(" + s.expression() + ")";
            default -> throw new IllegalStateException("not an SQL rule: " + plan.columns().get(c.name()));
        }).collect(Collectors.joining(", "));
        try (PreparedStatement update = connection.prepareStatement("UPDATE " + dialect.table(plan.table()) + " SET " + sets)) {
            for (int i = 0; i < values.size(); i++) {
                update.setString(i + 1, values.get(i));
            }
            int rows = update.executeUpdate();
            log.accept(plan.table().qualified() + ": " + columns.size() + " column(s) set in SQL on " + rows + " rows");
        }
    }

    private void updateInPlace(Plan.TablePlan plan, List<LiveSchema.Column> columns) throws SQLException {
        List<String> key = plan.table().primaryKey();
        String update = "UPDATE " + dialect.table(plan.table()) + " SET " + columns.stream()
                .map(c -> dialect.quote(c.name()) + " = " + dialect.parameter(c)).collect(Collectors.joining(", "))
                + " WHERE " + key.stream().map(c -> dialect.quote(c) + " = ?").collect(Collectors.joining(" AND "));
        long rows;
        try (PreparedStatement statement = connection.prepareStatement(update)) {
            rows = page(plan, columns, (keyValues, newValues) -> {
                for (int i = 0; i < columns.size(); i++) {
                    JavaRules.bind(statement, i + 1, columns.get(i), newValues[i]);
                }
                for (int i = 0; i < keyValues.length; i++) {
                    statement.setObject(columns.size() + i + 1, keyValues[i]);
                }
                statement.addBatch();
            }, statement::executeBatch);
        }
        log.accept(plan.table().qualified() + ": " + columns.size() + " column(s) rewritten in place on " + rows + " rows");
    }

    private void rewrite(Plan.TablePlan plan, List<LiveSchema.Column> columns) throws SQLException {
        LiveSchema.Table table = plan.table();
        List<String> key = table.primaryKey();
        String target = dialect.table(table);
        String copy = dialect.quote("cairn_copy");
        String map = dialect.quote("cairn_map");
        String mapColumns = IntStream.range(0, key.size()).mapToObj(i -> dialect.quote(key.get(i)) + " AS k" + i)
                .collect(Collectors.joining(", ")) + ", " + IntStream.range(0, columns.size())
                .mapToObj(i -> dialect.quote(columns.get(i).name()) + " AS v" + i).collect(Collectors.joining(", "));
        long rows;
        try (Statement statement = connection.createStatement()) {
            try {
                statement.execute(dialect.createScratch(map, "SELECT " + mapColumns + " FROM " + target + " WHERE 1 = 0"));
                String insert = "INSERT INTO " + map + " VALUES (" + key.stream().map(c -> "?").collect(Collectors.joining(", "))
                        + ", " + columns.stream().map(dialect::parameter).collect(Collectors.joining(", ")) + ")";
                try (PreparedStatement into = connection.prepareStatement(insert)) {
                    rows = page(plan, columns, (keyValues, newValues) -> {
                        for (int i = 0; i < keyValues.length; i++) {
                            into.setObject(i + 1, keyValues[i]);
                        }
                        for (int i = 0; i < columns.size(); i++) {
                            JavaRules.bind(into, key.size() + i + 1, columns.get(i), newValues[i]);
                        }
                        into.addBatch();
                    }, into::executeBatch);
                }
                statement.execute("ALTER TABLE " + map + " ADD PRIMARY KEY ("
                        + IntStream.range(0, key.size()).mapToObj(i -> "k" + i).collect(Collectors.joining(", ")) + ")");
                List<LiveSchema.Column> written = table.columns().stream().filter(c -> !c.generated()).toList();
                statement.execute(dialect.createScratch(copy, "SELECT " + written.stream().map(c -> dialect.quote(c.name()))
                        .collect(Collectors.joining(", ")) + " FROM " + target));
                statement.executeUpdate("DELETE FROM " + target);
                String select = written.stream().map(c -> {
                    int index = columns.indexOf(c);
                    return index >= 0 ? "m.v" + index : "c." + dialect.quote(c.name());
                }).collect(Collectors.joining(", "));
                String on = IntStream.range(0, key.size()).mapToObj(i -> "c." + dialect.quote(key.get(i)) + " = m.k" + i)
                        .collect(Collectors.joining(" AND "));
                statement.executeUpdate("INSERT INTO " + target + " (" + written.stream().map(c -> dialect.quote(c.name()))
                        .collect(Collectors.joining(", ")) + ")" + dialect.overridingIdentity() + " SELECT " + select
                        + " FROM " + copy + " c JOIN " + map + " m ON " + on);
            } finally {
                statement.execute("DROP TABLE IF EXISTS " + copy);
                statement.execute("DROP TABLE IF EXISTS " + map);
            }
        }
        log.accept(table.qualified() + ": " + columns.size() + " column(s) of a unique key rewritten on " + rows + " rows");
    }

    @FunctionalInterface
    private interface RowSink {
        void accept(Object[] key, Object[] newValues) throws SQLException;
    }

    @FunctionalInterface
    private interface Flush {
        int[] run() throws SQLException;
    }

    /**
     * Reads the table a page at a time in primary key order ({@code key > last} pages, never
     * OFFSET), computes the new values and hands each row to {@code sink}; {@code flush} runs
     * after each page. Returns the number of rows.
     */
    private long page(Plan.TablePlan plan, List<LiveSchema.Column> columns, RowSink sink, Flush flush) throws SQLException {
        List<String> key = plan.table().primaryKey().stream().map(dialect::quote).toList();
        String keyList = String.join(", ", key);
        String select = "SELECT " + keyList + ", " + columns.stream().map(c -> dialect.quote(c.name()))
                .collect(Collectors.joining(", ")) + " FROM " + dialect.table(plan.table());
        String order = " ORDER BY " + keyList + " LIMIT " + PAGE;
        String first = select + order;
        String next = select + " WHERE (" + keyList + ") > (" + key.stream().map(c -> "?").collect(Collectors.joining(", "))
                + ")" + order;
        Object[] last = null;
        long total = 0;
        try (PreparedStatement firstPage = connection.prepareStatement(first);
             PreparedStatement nextPage = connection.prepareStatement(next)) {
            while (true) {
                PreparedStatement query = last == null ? firstPage : nextPage;
                if (last != null) {
                    for (int i = 0; i < last.length; i++) {
                        nextPage.setObject(i + 1, last[i]);
                    }
                }
                int rows = 0;
                try (ResultSet page = query.executeQuery()) {
                    while (page.next()) {
                        Object[] keyValues = new Object[key.size()];
                        for (int i = 0; i < keyValues.length; i++) {
                            keyValues[i] = page.getObject(i + 1);
                        }
                        Object[] newValues = new Object[columns.size()];
                        for (int i = 0; i < newValues.length; i++) {
                            LiveSchema.Column column = columns.get(i);
                            Object value = JavaRules.read(page, key.size() + i + 1, column);
                            newValues[i] = rules.apply(plan.columns().get(column.name()), column, value);
                        }
                        sink.accept(keyValues, newValues);
                        last = keyValues;
                        rows++;
                    }
                }
                if (rows > 0) {
                    flush.run();
                }
                total += rows;
                if (rows < PAGE) {
                    return total;
                }
            }
        }
    }
}
