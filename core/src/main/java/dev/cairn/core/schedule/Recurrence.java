package dev.cairn.core.schedule;

import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * The meaning of one timespec: a set of wall-clock times with no time zone attached.
 *
 * <p>{@link Timespec} places these times in a zone and settles daylight-saving gaps and overlaps,
 * so implementations only count days, hours and minutes.
 */
sealed interface Recurrence
        permits Daily, Weekly, WeekdayRange, Hourly, EveryHours, EveryMinutes, MonthlyOnDay, MonthlyOnWeekday, CronSchedule {

    /** Returns the first wall-clock time of this recurrence strictly after {@code after}. */
    LocalDateTime nextAfter(LocalDateTime after);

    /** Returns the one normal form of this recurrence, which parses back to an equal recurrence. */
    String canonical();

    /** Writes a time of day as SHIELD prints it in its canonical timespecs: {@code 4:00}, {@code 23:35}. */
    static String clock(LocalTime at) {
        return at.getHour() + ":" + "%02d".formatted(at.getMinute());
    }

    /** Checks that a time of day is a whole minute, the finest grain the language can write. */
    static LocalTime requireWholeMinute(LocalTime at) {
        if (at.getSecond() != 0 || at.getNano() != 0) {
            throw new IllegalArgumentException("time of day must be a whole minute, got " + at);
        }
        return at;
    }
}
