package dev.cairn.core.schedule;

import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * Every {@code hours} hours on the wall clock, on the grid through {@code from}: {@code every 6 hours
 * from 4:39} fires at 04:39, 10:39, 16:39 and 22:39 each day.
 *
 * <p>{@code hours} divides 24, so the grid is the same every day; {@code from} is kept as the grid's
 * earliest time of day, which makes {@code from 16:39} and {@code from 04:39} the same recurrence.
 * One and 24 hours are {@link Hourly} and {@link Daily}, so they are refused here.
 */
record EveryHours(int hours, LocalTime from) implements Recurrence {

    EveryHours {
        if (hours < 2 || hours > 12 || 24 % hours != 0) {
            throw new IllegalArgumentException("hours must be 2, 3, 4, 6, 8 or 12, got " + hours);
        }
        from = Recurrence.requireWholeMinute(from).withHour(from.getHour() % hours);
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        LocalDateTime run = after.toLocalDate().atTime(from);
        while (!run.isAfter(after)) {
            run = run.plusHours(hours);
        }
        return run;
    }

    @Override
    public String canonical() {
        return "every " + hours + " hours from " + Recurrence.clock(from);
    }
}
