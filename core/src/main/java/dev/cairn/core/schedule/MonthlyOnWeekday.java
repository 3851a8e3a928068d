package dev.cairn.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * Once a month on the {@code week}-th {@code day} at {@code at}: {@code 2nd tuesday at 9:00}, as
 * SHIELD writes it; {@code week} is 1 to 5, or {@link #LAST} for the month's last such weekday.
 *
 * <p>The N-th weekday is its N-th occurrence in the month (the 1st falls on days 1 to 7, the 2nd on 8
 * to 14, …). Only some months have a 5th one (on day 29, 30 or 31): a 5th weekday runs in those
 * months and skips the others, as in SHIELD; "last" is the usual intent and runs every month.
 */
record MonthlyOnWeekday(int week, DayOfWeek day, LocalTime at) implements Recurrence {

    static final int LAST = -1;
    static final int FIFTH = 5;

    MonthlyOnWeekday {
        if (week != LAST && (week < 1 || week > FIFTH)) {
            throw new IllegalArgumentException("week must be 1 to 5 or LAST, got " + week);
        }
        Objects.requireNonNull(day, "day");
        Recurrence.requireWholeMinute(at);
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        YearMonth month = YearMonth.from(after);
        // a 5th weekday is missing from up to two months in a row; every other kind is in every month
        for (int i = 0; i < 12; i++, month = month.plusMonths(1)) {
            LocalDateTime run = runIn(month);
            if (run != null && run.isAfter(after)) {
                return run;
            }
        }
        throw new IllegalStateException("no " + canonical() + " within a year after " + after);
    }

    /** This month's run, or null when the month has no such weekday (only ever a 5th one). */
    private LocalDateTime runIn(YearMonth month) {
        LocalDateTime run = month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(week, day)).atTime(at);
        return YearMonth.from(run).equals(month) ? run : null;
    }

    @Override
    public String canonical() {
        String which = week == LAST ? "last" : MonthlyOnDay.ordinal(week);
        return which + " " + day.name().toLowerCase(Locale.ROOT) + " at " + Recurrence.clock(at);
    }
}
