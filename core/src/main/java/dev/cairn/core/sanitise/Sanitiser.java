package dev.cairn.core.sanitise;

import dev.cairn.core.CairnException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Applies sanitising rules to a database in place: the scratch copy a variant is made from, never
 * a live one. Works on PostgreSQL and MariaDB/MySQL over JDBC, as a superuser (foreign key checks
 * are switched off while rows move).
 *
 * <p>{@link #run} first reads the live schema and checks the rules against it (strictly, unless the
 * rules say otherwise) and fails before changing anything when they do not fit. Then, in one
 * transaction: subsets (with the rows kept rows reference), drops, SQL column rules, Java column
 * rules. {@link #check} and {@link #preview} change nothing.
 */
public final class Sanitiser {
    private Sanitiser() {
    }

    /** The rules checked against the database behind {@code connection}: problems and personal-looking columns. */
    public static Report check(Connection connection, Rules rules) {
        Dialect dialect = Dialect.of(connection);
        return plan(connection, dialect, rules).report();
    }

    /**
     * Sanitises the database behind {@code connection} with {@code rules} and the target's hash
     * {@code key}, reporting progress to {@code log} (one line per step, never a value). Throws
     * {@link CairnException.InvalidInput} naming the table and column when the rules do not fit the
     * schema (nothing changed then), {@link CairnException.Failure} when the database refuses a step
     * (the transaction is rolled back; on MariaDB/MySQL, where DDL commits, the scratch copy must
     * be thrown away).
     */
    public static Summary run(Connection connection, Rules rules, byte[] key, Consumer<String> log) {
        Dialect dialect = Dialect.of(connection);
        JavaRules javaRules = new JavaRules(key);
        Plan plan = fitting(plan(connection, dialect, rules));
        String step = "starting";
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                dialect.foreignKeyChecks(connection, false);
                step = "subsetting";
                new Subsetter(connection, dialect, log).apply(plan);
                step = "dropping rows";
                List<String> dropped = plan.tables().stream().filter(Plan.TablePlan::dropped)
                        .map(t -> dialect.table(t.table())).toList();
                dialect.empty(connection, dropped);
                plan.tables().stream().filter(Plan.TablePlan::dropped)
                        .forEach(t -> log.accept(t.table().qualified() + ": dropped every row, kept the schema"));
                ColumnRewriter rewriter = new ColumnRewriter(connection, dialect, javaRules, log);
                for (Plan.TablePlan table : plan.tables()) {
                    if (!table.dropped()) {
                        step = "rewriting " + table.table().qualified();
                        rewriter.apply(plan, table);
                    }
                }
                dialect.foreignKeyChecks(connection, true);
                step = "counting rows";
                List<Summary.TableRows> counts = new ArrayList<>();
                try (Statement statement = connection.createStatement()) {
                    for (Plan.TablePlan table : plan.tables()) {
                        try (var rows = statement.executeQuery("SELECT count(*) FROM " + dialect.table(table.table()))) {
                            rows.next();
                            counts.add(new Summary.TableRows(table.table().qualified(), rows.getLong(1)));
                        }
                    }
                }
                step = "committing";
                connection.commit();
                return new Summary(counts, plan.report().personal());
            } catch (SQLException | RuntimeException e) {
                rollback(connection);
                restoreChecks(connection, dialect);
                throw e;
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new CairnException.Failure("sanitising failed while " + step + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether {@code rules} can be applied to the rows as they stream into a scratch copy ({@link
     * #transformer}): every rule is row-local. A subset follows foreign keys and an {@code sql} rule
     * is an expression over the row in the database, so both need the loaded copy ({@link #run}).
     */
    public static boolean streams(Rules rules) {
        return rules.tables().values().stream().noneMatch(t -> t.rows() instanceof TableRule.Rows.Subset
                || t.columns().values().stream().anyMatch(c -> c instanceof ColumnRule.Sql));
    }

    /**
     * The rules, checked against the schema behind {@code connection} (a database with the archive's
     * tables and keys, rows or not) as {@link #run} checks them, as a filter for the archive's data
     * script that applies them with the target's hash {@code key}; the same values as {@link #run}
     * gives. Throws {@link CairnException.InvalidInput} naming the table and column when they do not
     * fit, and when they do not {@link #streams}.
     */
    public static Streamed transformer(Connection connection, Rules rules, byte[] key) {
        if (!streams(rules)) {
            throw new CairnException.InvalidInput("rules with a subset or an sql rule are applied in the loaded database,"
                    + " not as the rows stream in");
        }
        Dialect dialect = Dialect.of(connection);
        Plan plan = fitting(plan(connection, dialect, rules));
        Map<String, String> partitionRoots;
        try {
            partitionRoots = dialect.partitionRoots(connection);
        } catch (SQLException e) {
            throw new CairnException.Failure("cannot read the partitions of the schema: " + e.getMessage(), e);
        }
        return new Streamed(new CopyTransformer(plan, key, partitionRoots, true), plan.report().personal());
    }

    /** A streaming sanitiser: its filter, and the personal-looking columns the rules leave as they are. */
    public record Streamed(CopyTransformer transformer, List<Report.PersonalColumn> personal) {
        public Streamed {
            personal = List.copyOf(personal);
        }
    }

    /**
     * For each table, up to {@code rows} rows before and after the rules (for a subset table, rows it
     * selects), with the check's report; computed by reading only, so the database is left as it was.
     */
    public static Preview preview(Connection connection, Rules rules, byte[] key, int rows) {
        Dialect dialect = Dialect.of(connection);
        Plan plan = plan(connection, dialect, rules);
        try {
            return new PreviewReader(connection, dialect, new JavaRules(key)).read(plan, rows);
        } catch (SQLException e) {
            throw new CairnException.Failure("cannot preview the rules: " + e.getMessage(), e);
        }
    }

    /** {@code plan}, when the rules fit; else the problems, thrown. */
    private static Plan fitting(Plan plan) {
        if (!plan.report().ok()) {
            List<String> problems = plan.report().problems();
            throw new CairnException.InvalidInput("the rules do not fit the database (" + problems.size() + " problem"
                    + (problems.size() == 1 ? "" : "s") + "): " + String.join("; ", problems));
        }
        return plan;
    }

    private static Plan plan(Connection connection, Dialect dialect, Rules rules) {
        try {
            return Plan.resolve(dialect.read(connection), rules);
        } catch (SQLException e) {
            throw new CairnException.Failure("cannot read the schema to sanitise: " + e.getMessage(), e);
        }
    }

    /** Foreign key checks back on: on MariaDB/MySQL the setting outlives the rolled-back transaction. */
    private static void restoreChecks(Connection connection, Dialect dialect) {
        try {
            dialect.foreignKeyChecks(connection, true);
        } catch (SQLException ignored) {
            // as for the rollback: the first failure is the one to report
        }
    }

    private static void rollback(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the first failure is the one to report; a broken connection cannot roll back either
        }
    }

    /** What a run left: the rows of each table, and the personal-looking columns the rules leave as they are. */
    public record Summary(List<TableRows> tables, List<Report.PersonalColumn> personal) {
        public Summary {
            tables = List.copyOf(tables);
            personal = List.copyOf(personal);
        }

        public record TableRows(String table, long rows) {
        }
    }
}
