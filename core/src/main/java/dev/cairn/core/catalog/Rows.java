package dev.cairn.core.catalog;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.UUID;

/** Column readers shared by the repositories: uuids and epoch seconds that may be NULL. */
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
}
