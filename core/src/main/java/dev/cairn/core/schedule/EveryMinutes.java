package dev.cairn.core.schedule;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Every {@code minutes} minutes on the wall clock, from minute 0 of each hour: {@code every 15
 * minutes} fires at :00, :15, :30 and :45.
 *
 * <p>{@code minutes} divides 60, so the grid is the same every hour; 60 minutes is {@link Hourly},
 * so it is refused here.
 */
record EveryMinutes(int minutes) implements Recurrence {

    EveryMinutes {
        if (minutes < 1 || minutes > 30 || 60 % minutes != 0) {
            throw new IllegalArgumentException("minutes must divide 60 and be below 60, got " + minutes);
        }
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        int nextSlot = (after.getMinute() / minutes + 1) * minutes;
        return after.truncatedTo(ChronoUnit.HOURS).plusMinutes(nextSlot);
    }

    @Override
    public String canonical() {
        return minutes == 1 ? "every minute" : "every " + minutes + " minutes";
    }
}
