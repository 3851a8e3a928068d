package dev.cairn.core.instances;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import java.util.function.LongFunction;

/** What the image and instance tables share: readers of nullable uuids and times, and ids taken by insert. */
final class CatalogRows {
    /** How often an insert whose id or port another server took at the same moment is tried again. */
    private static final int ATTEMPTS = 20;

    private CatalogRows() {
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null || text.isEmpty() ? null : UUID.fromString(text);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long seconds = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(seconds);
    }

    static String text(UUID uuid) {
        return uuid == null ? null : uuid.toString();
    }

    static boolean uniqueViolation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("UNIQUE") || m.contains("unique") || m.contains("duplicate key") || m.contains("PRIMARY KEY")) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs {@code insert} (which takes the next free id as {@code MAX(id) + 1} in the same statement)
     * until no other insert took that id at the same moment; returns what it returned.
     */
    static <T> T insertWithNextId(LongFunction<T> insert) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            try {
                return insert.apply(attempt);
            } catch (RuntimeException e) {
                if (!uniqueViolation(e)) {
                    throw e;
                }
                last = e;
            }
        }
        throw last;
    }
}
