package dev.cairn.server.api;

import dev.cairn.core.CairnException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Times as clients send them: a day as the list filters take it ({@code 20261121}, its start in UTC),
 * a time as the API writes them ({@code 2026-11-21 14:30:00}, UTC), or ISO 8601 with an offset
 * ({@code 2026-11-21T14:30:00+01:00}).
 */
final class ClientTimes {
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private ClientTimes() {
    }

    /** The instant {@code text} names; null for null or empty; anything else is a 400 naming {@code field}. */
    static Instant parse(String field, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String t = text.strip();
        try {
            if (t.matches("\\d{8}")) {
                return LocalDate.parse(t, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (t.matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}")) {
                return LocalDateTime.parse(t, WIRE).toInstant(ZoneOffset.UTC);
            }
            return OffsetDateTime.parse(t).toInstant();
        } catch (DateTimeParseException e) {
            throw new CairnException.InvalidInput(field + " must be a day as YYYYMMDD, a time as 'YYYY-MM-DD HH:MM:SS' "
                    + "(UTC) or ISO 8601 with an offset, got " + dev.cairn.core.catalog.Names.printable(text));
        }
    }
}
