package dev.cairn.server.api;

import dev.cairn.core.CairnException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Seed 004's time formats: {@code 2015-10-25 11:32:00} (UTC) in replies, {@code YYYYMMDD} in filters. A time
 * not set (yet) is {@code ""}, never null, as SHIELD's daemon sends it: SHIELD's clients cannot read a null time.
 */
final class Times {
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private Times() {
    }

    static String format(Instant instant) {
        return instant == null ? "" : WIRE.format(instant);
    }

    /** The start (UTC) of the day {@code text} names, as {@code YYYYMMDD}; null for null. */
    static Instant day(String field, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text, DateTimeFormatter.BASIC_ISO_DATE).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CairnException.InvalidInput(field + " must be a date as YYYYMMDD, got " + text);
        }
    }
}
