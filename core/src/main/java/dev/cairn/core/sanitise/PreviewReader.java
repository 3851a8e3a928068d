package dev.cairn.core.sanitise;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Reads a preview: the first rows of each table (of a subset, the rows it selects) with the SQL
 * rules evaluated as extra select expressions and the Java rules applied in memory. Only SELECTs.
 */
final class PreviewReader {
    private final Connection connection;
    private final Dialect dialect;
    private final JavaRules rules;

    PreviewReader(Connection connection, Dialect dialect, JavaRules rules) {
        this.connection = connection;
        this.dialect = dialect;
        this.rules = rules;
    }

    Preview read(Plan plan, int limit) throws SQLException {
        List<Preview.TablePreview> tables = new ArrayList<>();
        for (Plan.TablePlan table : plan.tables()) {
            tables.add(table(table, limit));
        }
        return new Preview(tables, plan.report());
    }

    private Preview.TablePreview table(Plan.TablePlan plan, int limit) throws SQLException {
        LiveSchema.Table table = plan.table();
        String target = dialect.table(table);
        long total = count("SELECT count(*) FROM " + target);
        String condition = "";
        String rows = "keep";
        long selected = -1;
        if (plan.rows() instanceof TableRule.Rows.Subset subset) {
            List<String> key = table.primaryKey().stream().map(dialect::quote).toList();
            if (subset.where() != null) {
                condition = " WHERE (" + subset.where() + ")";
                rows = "subset where " + subset.where();
            } else if (subset.percent() != null) {
                condition = " WHERE " + dialect.percentOf(key, subset.percent());
                rows = "subset " + subset.percent() + "%";
            } else {
                rows = "subset first " + subset.limit() + " rows";
            }
            selected = subset.limit() != null ? Math.min(total, subset.limit()) : count("SELECT count(*) FROM " + target + condition);
        } else if (plan.dropped()) {
            rows = "drop";
        }
        List<LiveSchema.Column> columns = table.columns();
        List<LiveSchema.Column> inSql = plan.withRule(false).stream()
                .filter(c -> plan.columns().get(c.name()) instanceof ColumnRule.Sql).toList();
        String extra = inSql.stream().map(c -> ", (" + ((ColumnRule.Sql) plan.columns().get(c.name())).expression() + ")")
                .collect(Collectors.joining());
        String order = table.primaryKey().isEmpty() ? "" : " ORDER BY " + table.primaryKey().stream()
                .map(c -> "t." + dialect.quote(c)).collect(Collectors.joining(", "));
        String select = "SELECT t.*" + extra + " FROM " + target + " t" + condition + order + " LIMIT " + limit;
        List<List<String>> before = new ArrayList<>();
        List<List<String>> after = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement(select); ResultSet result = statement.executeQuery()) {
            while (result.next()) {
                List<String> original = new ArrayList<>();
                List<String> changed = new ArrayList<>();
                for (int i = 0; i < columns.size(); i++) {
                    LiveSchema.Column column = columns.get(i);
                    String text = result.getString(i + 1);
                    original.add(text);
                    ColumnRule rule = plan.columns().get(column.name());
                    changed.add(switch (rule) {
                        case null -> text;
                        case ColumnRule.Safe s -> text;
                        case ColumnRule.Null n -> null;
                        case ColumnRule.Value v -> v.value();
                        case ColumnRule.Sql s -> result.getString(columns.size() + inSql.indexOf(column) + 1);
                        default -> {
                            Object value = rules.apply(rule, column, JavaRules.read(result, i + 1, column));
                            yield value == null ? null : value.toString();
                        }
                    });
                }
                before.add(Arrays.asList(original.toArray(String[]::new)));
                after.add(plan.dropped() ? List.of() : Arrays.asList(changed.toArray(String[]::new)));
            }
        }
        if (plan.dropped()) {
            after = List.of();
        }
        return new Preview.TablePreview(table.qualified(), rows, total, selected,
                columns.stream().map(LiveSchema.Column::name).toList(), before, after);
    }

    private long count(String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
