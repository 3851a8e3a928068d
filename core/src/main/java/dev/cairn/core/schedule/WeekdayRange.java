package dev.cairn.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.Locale;
import java.util.Objects;

/**
 * Once a day at {@code at} on the weekdays from {@code first} to {@code last}, wrapping past sunday
 * when {@code last} comes before {@code first}: {@code monday to friday at 17:00}.
 *
 * <p>A range spans two to six days: one day is {@link Weekly} and the whole week is {@link Daily}, so
 * each meaning has one form ({@link #of} picks it).
 */
record WeekdayRange(DayOfWeek first, DayOfWeek last, LocalTime at) implements Recurrence {

    WeekdayRange {
        Objects.requireNonNull(first, "first");
        Objects.requireNonNull(last, "last");
        Recurrence.requireWholeMinute(at);
        int length = length(first, last);
        if (length < 2 || length > 6) {
            throw new IllegalArgumentException("a range of weekdays spans 2 to 6 days, got " + first + " to " + last);
        }
    }

    /** The recurrence of the days {@code first} to {@code last} at {@code at}: weekly, daily, or a range. */
    static Recurrence of(DayOfWeek first, DayOfWeek last, LocalTime at) {
        return switch (length(first, last)) {
            case 1 -> new Weekly(first, at);
            case 7 -> new Daily(at);
            default -> new WeekdayRange(first, last, at);
        };
    }

    /** Days from {@code first} to {@code last} inclusive; "sunday to saturday" is 7 and "friday to monday" 4. */
    private static int length(DayOfWeek first, DayOfWeek last) {
        return Math.floorMod(last.getValue() - first.getValue(), 7) + 1;
    }

    private boolean contains(DayOfWeek day) {
        return Math.floorMod(day.getValue() - first.getValue(), 7) < length(first, last);
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        LocalDateTime run = after.toLocalDate().atTime(at);
        while (!run.isAfter(after) || !contains(run.getDayOfWeek())) {
            run = run.plusDays(1);
        }
        return run;
    }

    @Override
    public String canonical() {
        return name(first) + " to " + name(last) + " at " + Recurrence.clock(at);
    }

    private static String name(DayOfWeek day) {
        return day.name().toLowerCase(Locale.ROOT);
    }
}
