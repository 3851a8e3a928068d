package dev.cairn.core.sanitise;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * Cuts subset tables down to their chosen rows plus every row that a kept row references through a
 * foreign key, followed transitively (and through self-references) until nothing more is added, so
 * the result loads without constraint errors. Works with one scratch table of kept primary keys per
 * subset table, in the database itself: memory stays flat whatever the table sizes.
 */
final class Subsetter {
    private final Connection connection;
    private final Dialect dialect;
    private final Consumer<String> log;

    Subsetter(Connection connection, Dialect dialect, Consumer<String> log) {
        this.connection = connection;
        this.dialect = dialect;
        this.log = log;
    }

    void apply(Plan plan) throws SQLException {
        Map<String, Plan.TablePlan> subsets = new LinkedHashMap<>();
        Map<String, String> keepTables = new LinkedHashMap<>();
        for (Plan.TablePlan table : plan.tables()) {
            if (table.rows() instanceof TableRule.Rows.Subset) {
                subsets.put(table.table().qualified(), table);
                keepTables.put(table.table().qualified(), dialect.quote("cairn_keep_" + keepTables.size()));
            }
        }
        if (subsets.isEmpty()) {
            return;
        }
        try (Statement statement = connection.createStatement()) {
            try {
                for (Plan.TablePlan table : subsets.values()) {
                    seed(statement, table, keepTables.get(table.table().qualified()));
                }
                close(statement, plan, subsets, keepTables);
                for (Plan.TablePlan table : subsets.values()) {
                    String keep = keepTables.get(table.table().qualified());
                    String target = dialect.table(table.table());
                    int deleted = statement.executeUpdate("DELETE FROM " + target + " WHERE NOT EXISTS (SELECT 1 FROM " + keep
                            + " k WHERE " + join("k", target, table.table().primaryKey(), table.table().primaryKey()) + ")");
                    log.accept(table.table().qualified() + ": subset removed " + deleted + " rows");
                }
            } finally {
                for (String keep : keepTables.values()) {
                    statement.execute("DROP TABLE IF EXISTS " + keep);
                }
            }
        }
    }

    private void seed(Statement statement, Plan.TablePlan table, String keep) throws SQLException {
        TableRule.Rows.Subset subset = (TableRule.Rows.Subset) table.rows();
        List<String> key = quoted(table.table().primaryKey());
        String columns = String.join(", ", key);
        String select = "SELECT " + columns + " FROM " + dialect.table(table.table());
        if (subset.where() != null) {
            select += " WHERE (" + subset.where() + ")";
        } else if (subset.percent() != null) {
            select += " WHERE " + dialect.percentOf(key, subset.percent());
        } else {
            select += " ORDER BY " + columns + " LIMIT " + subset.limit();
        }
        statement.execute(dialect.createScratch(keep, select));
        statement.execute("ALTER TABLE " + keep + " ADD PRIMARY KEY (" + columns + ")");
    }

    /** Adds referenced rows to the keep tables until a whole pass over the foreign keys adds none. */
    private void close(Statement statement, Plan plan, Map<String, Plan.TablePlan> subsets, Map<String, String> keepTables)
            throws SQLException {
        List<LiveSchema.ForeignKey> edges = new ArrayList<>();
        for (LiveSchema.ForeignKey key : plan.schema().foreignKeys()) {
            Plan.TablePlan child = plan.tables().stream().filter(t -> t.table().qualified().equals(key.child())).findFirst()
                    .orElse(null);
            if (subsets.containsKey(key.parent()) && child != null && !child.dropped()) {
                edges.add(key);
            }
        }
        for (int pass = 1; ; pass++) {
            long added = 0;
            for (LiveSchema.ForeignKey key : edges) {
                Plan.TablePlan parent = subsets.get(key.parent());
                Plan.TablePlan child = plan.tables().stream().filter(t -> t.table().qualified().equals(key.child()))
                        .findFirst().orElseThrow();
                List<String> parentKey = parent.table().primaryKey();
                String select = "SELECT DISTINCT " + parentKey.stream().map(c -> "p." + dialect.quote(c))
                        .collect(Collectors.joining(", ")) + " FROM " + dialect.table(parent.table()) + " p JOIN "
                        + dialect.table(child.table()) + " c ON " + join("c", "p", key.childColumns(), key.parentColumns());
                if (subsets.containsKey(key.child())) {
                    select += " WHERE EXISTS (SELECT 1 FROM " + keepTables.get(key.child()) + " kc WHERE "
                            + join("kc", "c", child.table().primaryKey(), child.table().primaryKey()) + ")";
                }
                added += statement.executeUpdate(dialect.insertMissing(keepTables.get(key.parent()), select));
            }
            if (added == 0) {
                return;
            }
            log.accept("subset: pass " + pass + " over foreign keys kept " + added + " more referenced rows");
        }
    }

    private String join(String left, String right, List<String> leftColumns, List<String> rightColumns) {
        List<String> terms = new ArrayList<>();
        for (int i = 0; i < leftColumns.size(); i++) {
            terms.add(left + "." + dialect.quote(leftColumns.get(i)) + " = " + right + "." + dialect.quote(rightColumns.get(i)));
        }
        return String.join(" AND ", terms);
    }

    private List<String> quoted(List<String> columns) {
        return columns.stream().map(dialect::quote).toList();
    }
}
