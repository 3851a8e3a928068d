package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** What the repositories share: readers of uuids and epoch seconds that may be NULL, and the in-use check before a delete. */
final class Rows {
    private Rows() {
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : UUID.fromString(text);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long seconds = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(seconds);
    }

    static Long seconds(Instant instant) {
        return instant == null ? null : instant.getEpochSecond();
    }

    static String text(UUID uuid) {
        return uuid == null ? null : uuid.toString();
    }

    /** Refuses a delete with a conflict naming the first job that {@code sql} finds still using {@code uuid}. */
    static void refuseIfReferenced(Handle h, String sql, UUID uuid, String message) {
        h.createQuery(sql).bind("uuid", uuid.toString()).mapTo(String.class).findFirst().ifPresent(job -> {
            throw new CairnException.Conflict(message + "'" + job + "'");
        });
    }
}
