package db.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes names unique per kind (targets, stores, schedules, retention policies, jobs): of items
 * sharing a name the first saved keeps it and each later one is renamed {@code NAME (2)},
 * {@code NAME (3)}, … (skipping names already taken), each rename logged; then a unique index per
 * table keeps it so. Retention policies whose expiry exceeds the 100 years the API now allows
 * (such as 2^63-1, on which every backup failed) are brought down to 100 years, logged too.
 *
 * <p>Java rather than SQL because the renames must be logged and must find free names, in the
 * same way on SQLite and PostgreSQL. "First saved" is insertion order: SQLite's rowid, and
 * PostgreSQL's physical order (ctid), which is insertion order for rows never updated.
 */
public final class V8__unique_names extends BaseJavaMigration {
    private static final Logger LOG = LoggerFactory.getLogger(V8__unique_names.class);
    private static final Map<String, String> KINDS = new LinkedHashMap<>();
    /** RetentionPolicy.MAXIMUM_EXPIRY at the time of this migration (it must not follow later changes). */
    private static final long MAXIMUM_EXPIRY = 100L * 36525 * 864;

    static {
        KINDS.put("targets", "target");
        KINDS.put("stores", "store");
        KINDS.put("schedules", "schedule");
        KINDS.put("retention", "retention policy");
        KINDS.put("jobs", "job");
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Connection connection = context.getConnection();
        boolean postgres = connection.getMetaData().getDatabaseProductName().toLowerCase().contains("postgres");
        for (Map.Entry<String, String> kind : KINDS.entrySet()) {
            renameDuplicates(connection, kind.getKey(), kind.getValue(), postgres ? "ctid" : "rowid");
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE UNIQUE INDEX " + kind.getKey() + "_unique_name ON " + kind.getKey() + " (name)");
            }
        }
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT uuid, name, expiry FROM retention WHERE expiry > " + MAXIMUM_EXPIRY)) {
            while (rs.next()) {
                LOG.warn("catalog: retention policy '{}' ({}) kept archives {} seconds, more than the {} (100 years) "
                        + "now allowed; it keeps them 100 years", rs.getString("name"), rs.getString("uuid"),
                        rs.getLong("expiry"), MAXIMUM_EXPIRY);
            }
        }
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("UPDATE retention SET expiry = " + MAXIMUM_EXPIRY + " WHERE expiry > " + MAXIMUM_EXPIRY);
        }
    }

    private static void renameDuplicates(Connection connection, String table, String kind, String order) throws SQLException {
        List<String[]> rows = new ArrayList<>();
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT uuid, name FROM " + table + " ORDER BY " + order)) {
            while (rs.next()) {
                rows.add(new String[] {rs.getString("uuid"), rs.getString("name")});
            }
        }
        Set<String> taken = new HashSet<>();
        rows.forEach(row -> taken.add(row[1]));
        Set<String> kept = new HashSet<>();
        try (PreparedStatement rename = connection.prepareStatement("UPDATE " + table + " SET name = ? WHERE uuid = ?")) {
            for (String[] row : rows) {
                if (kept.add(row[1])) {
                    continue;
                }
                String name = freeName(row[1], taken);
                taken.add(name);
                kept.add(name);
                rename.setString(1, name);
                rename.setString(2, row[0]);
                rename.executeUpdate();
                LOG.warn("catalog: names are now unique per kind: {} {} was also named '{}' and is renamed '{}'",
                        kind, row[0], row[1], name);
            }
        }
    }

    private static String freeName(String name, Set<String> taken) {
        for (int n = 2; ; n++) {
            String candidate = name + " (" + n + ")";
            if (!taken.contains(candidate)) {
                return candidate;
            }
        }
    }
}
