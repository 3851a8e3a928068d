package dev.cairn.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/**
 * Once a month on the {@code week}-th {@code day} at {@code at}: {@code monthly at 09:00 on 2nd
 * tuesday}; {@code week} is 1 to 4, or {@link #LAST} for the month's last such weekday.
 *
 * <p>A fifth weekday is not offered because most months lack one; "last" covers the usual intent.
 */
record MonthlyOnWeekday(int week, DayOfWeek day, LocalTime at) implements Recurrence {

    static final int LAST = -1;

    MonthlyOnWeekday {
        if (week != LAST && (week < 1 || week > 4)) {
            throw new IllegalArgumentException("week must be 1 to 4 or LAST, got " + week);
        }
        Objects.requireNonNull(day, "day");
        Recurrence.requireWholeMinute(at);
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        YearMonth month = YearMonth.from(after);
        LocalDateTime thisMonth = runIn(month);
        return thisMonth.isAfter(after) ? thisMonth : runIn(month.plusMonths(1));
    }

    private LocalDateTime runIn(YearMonth month) {
        return month.atDay(1).with(TemporalAdjusters.dayOfWeekInMonth(week, day)).atTime(at);
    }

    @Override
    public String canonical() {
        String which = week == LAST ? "last" : MonthlyOnDay.ordinal(week);
        return "monthly at " + at + " on " + which + " " + day.name().toLowerCase(Locale.ROOT);
    }
}
