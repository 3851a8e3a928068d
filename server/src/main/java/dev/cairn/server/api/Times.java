package dev.cairn.server.api;

import dev.cairn.core.CairnException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * Seed 004's time formats: {@code 2015-10-25 11:32:00} (UTC) in replies, {@code YYYYMMDD} in filters. A time
 * not set (yet) is {@code ""}, never null, as SHIELD's daemon sends it: SHIELD's clients cannot read a null time.
 * A schedule's next runs, Cairn's own field, carry their offset.
 */
final class Times {
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx");

    private Times() {
    }

    static String format(Instant instant) {
        return instant == null ? "" : WIRE.format(instant);
    }

    /**
     * A time in its own zone with its offset, {@code 2026-12-03 02:00:00 +01:00}: how a schedule's
     * next runs read, since "daily 2am" means 2 am where the schedule is, not in UTC.
     */
    static String formatLocal(ZonedDateTime time) {
        return LOCAL.format(time);
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
