package dev.cairn.core.instances;

import dev.cairn.core.CairnException;
import dev.cairn.core.sanitise.Report;
import dev.cairn.core.sanitise.Rules;
import dev.cairn.core.sanitise.Sanitiser;
import dev.cairn.plugin.Engine;
import dev.cairn.plugin.EngineAccess;
import dev.cairn.plugin.EngineHome;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Sanitising rules applied to a running engine Cairn loaded (a scratch copy or an image being
 * built): the role the sanitiser signs in as, the JDBC connection to it, and {@link Sanitiser#run}
 * with its failures as one readable line.
 */
public final class EngineSanitising {
    /** The role the sanitiser signs in as. */
    public static final String ROLE = "cairn_sanitise";

    private EngineSanitising() {
    }

    /** A fresh password for {@link #ROLE}. */
    public static EngineAccess access() {
        return new EngineAccess(ROLE, Passwords.generate());
    }

    /** Lets {@code access} in with every right on the loaded databases (a superuser on PostgreSQL); returns them. */
    static List<String> grant(Engine engine, EngineHome home, EngineAccess access, String plugin, TaskContext context)
            throws IOException {
        List<String> databases = engine.grant(home, access, context);
        if (plugin.equals("postgres")) {
            // the sanitiser switches triggers and foreign key checks off, which takes a superuser
            engine.runScript(home, "ALTER ROLE " + access.user() + " SUPERUSER;", context);
        }
        return databases;
    }

    /**
     * Drops {@link #ROLE} from an image once the image's own role owns everything, so that no instance
     * of it holds a superuser it never needed. A refusal is logged, not thrown: the role is locked by
     * then (no password, no sign-in), and the image is good without the drop.
     */
    static void dropRole(Engine engine, EngineHome home, String plugin, TaskContext context) throws IOException {
        String script = switch (plugin) {
            case "postgres" -> "DROP OWNED BY " + ROLE + ";\nDROP ROLE " + ROLE + ";\n";
            case "mysql" -> "DROP USER IF EXISTS '" + ROLE + "'@'%';\n";
            default -> throw new PluginException("sanitising rules apply to postgres and mysql archives, not " + plugin);
        };
        try {
            engine.runScript(home, script, context);
            context.log("dropped the sanitiser's role " + ROLE);
        } catch (PluginException e) {
            context.log("the sanitiser's role " + ROLE + " stays in the image, locked: " + e.getMessage());
        }
    }

    /** The database to sanitise: the one the target's endpoint names, else the first the engine loaded ("" for none). */
    public static String database(Map<String, Object> targetEndpoint, List<String> loaded) {
        String named = String.valueOf(targetEndpoint.getOrDefault("database", ""));
        return !named.isBlank() ? named : loaded.isEmpty() ? "" : loaded.getFirst();
    }

    /** A connection to {@code database} of the engine at {@code home}, as {@code access}. */
    public static Connection connect(String plugin, EngineHome home, EngineAccess access, String database)
            throws SQLException {
        String url = switch (plugin) {
            case "postgres" -> "jdbc:postgresql://" + home.host() + ":" + home.port() + "/" + database;
            case "mysql" -> "jdbc:mariadb://" + home.host() + ":" + home.port() + "/" + database;
            default -> throw new PluginException("sanitising rules apply to postgres and mysql archives, not " + plugin);
        };
        Properties properties = new Properties();
        properties.setProperty("user", access.user());
        properties.setProperty("password", access.password());
        return DriverManager.getConnection(url, properties);
    }

    /**
     * Applies {@code rules} with hash {@code key} in place to {@code database}, logging each step and
     * the rows each table keeps; throws a {@link PluginException} that says why when the rules do
     * not fit or the database refuses a step.
     */
    public static Sanitiser.Summary apply(String plugin, EngineHome home, EngineAccess access, String database, Rules rules,
                                          byte[] key, TaskContext context) {
        Sanitiser.Summary summary = with(plugin, home, access, database,
                connection -> Sanitiser.run(connection, rules, key, context::log));
        summary.tables().forEach(t -> context.log(t.table() + ": " + t.rows() + " rows kept"));
        logPersonal(summary.personal(), context);
        removeLargeObjects(plugin, home, access, database, context);
        return summary;
    }

    /**
     * Removes every large object of {@code database} (PostgreSQL's; MariaDB has none): rules name
     * tables and columns, never a large object, so a sanitised copy holds none rather than holding
     * them as they were. Columns that held their oids keep the numbers, which then point at nothing.
     */
    public static void removeLargeObjects(String plugin, EngineHome home, EngineAccess access, String database,
                                          TaskContext context) {
        if (!plugin.equals("postgres")) {
            return;
        }
        long removed = with(plugin, home, access, database, connection -> {
            try (Statement statement = connection.createStatement();
                 ResultSet count = statement.executeQuery("SELECT count(lo_unlink(oid)) FROM pg_largeobject_metadata")) {
                count.next();
                return count.getLong(1);
            }
        });
        if (removed > 0) {
            context.log("removed " + removed + " large object(s) from database " + database
                    + ": sanitising rules cannot name them, so no sanitised copy keeps them");
        }
    }

    /**
     * {@code rules}, checked against the schema in {@code database}, as the filter that applies them
     * to an archive's rows as they load ({@link Sanitiser#transformer}); throws a {@link
     * PluginException} that says why when they do not fit.
     */
    public static Sanitiser.Streamed transformer(String plugin, EngineHome home, EngineAccess access, String database,
                                                 Rules rules, byte[] key) {
        return with(plugin, home, access, database, connection -> Sanitiser.transformer(connection, rules, key));
    }

    /** Logs the columns that look personal and that the rules leave as they are, if any. */
    public static void logPersonal(List<Report.PersonalColumn> personal, TaskContext context) {
        if (!personal.isEmpty()) {
            context.log("columns that look personal and are marked safe: " + personal);
        }
    }

    /** What is done with a connection to the engine. */
    private interface Work<T> {
        T on(Connection connection) throws SQLException;
    }

    private static <T> T with(String plugin, EngineHome home, EngineAccess access, String database, Work<T> work) {
        try (Connection connection = connect(plugin, home, access, database)) {
            return work.on(connection);
        } catch (CairnException.InvalidInput e) {
            throw new PluginException("sanitising failed: " + e.getMessage());
        } catch (CairnException e) {
            throw new PluginException(e.getMessage());
        } catch (SQLException e) {
            throw new PluginException("cannot connect to database " + database + " to sanitise it: " + e.getMessage());
        }
    }
}
