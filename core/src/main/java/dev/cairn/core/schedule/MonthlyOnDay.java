package dev.cairn.core.schedule;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;

/**
 * Once a month on day {@code day} at {@code at}: {@code monthly at 2:05 on 14th}.
 *
 * <p>A month without that day fires on its last day instead, so the 31st fires on 30 April and on
 * 28 or 29 February. That makes day 31 the same as "last day", which is its canonical spelling.
 */
record MonthlyOnDay(int day, LocalTime at) implements Recurrence {

    static final int LAST_DAY = 31;

    MonthlyOnDay {
        if (day < 1 || day > LAST_DAY) {
            throw new IllegalArgumentException("day must be 1 to 31, got " + day);
        }
        Recurrence.requireWholeMinute(at);
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        YearMonth month = YearMonth.from(after);
        LocalDateTime thisMonth = runIn(month);
        return thisMonth.isAfter(after) ? thisMonth : runIn(month.plusMonths(1));
    }

    private LocalDateTime runIn(YearMonth month) {
        return month.atDay(Math.min(day, month.lengthOfMonth())).atTime(at);
    }

    @Override
    public String canonical() {
        return "monthly at " + Recurrence.clock(at) + " on " + (day == LAST_DAY ? "last day" : ordinal(day));
    }

    /** Writes 1 as "1st", 2 as "2nd", 11 as "11th", 22 as "22nd". */
    static String ordinal(int number) {
        boolean teen = number % 100 >= 11 && number % 100 <= 13;
        String suffix = teen ? "th" : switch (number % 10) {
            case 1 -> "st";
            case 2 -> "nd";
            case 3 -> "rd";
            default -> "th";
        };
        return number + suffix;
    }
}
