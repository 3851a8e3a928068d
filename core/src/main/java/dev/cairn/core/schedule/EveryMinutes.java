package dev.cairn.core.schedule;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/**
 * Every {@code minutes} minutes on the wall clock, from minute {@code offset} of each hour: {@code
 * every 15 minutes} fires at :00, :15, :30 and :45, SHIELD's {@code every half hour from 0:15} at :15
 * and :45.
 *
 * <p>{@code minutes} divides 60, so the grid is the same every hour; 60 minutes is {@link Hourly},
 * so it is refused here. {@code offset} is kept below {@code minutes}: the grid through :45 in steps
 * of 30 is the grid through :15.
 */
record EveryMinutes(int minutes, int offset) implements Recurrence {

    EveryMinutes {
        if (minutes < 1 || minutes > 30 || 60 % minutes != 0) {
            throw new IllegalArgumentException("minutes must divide 60 and be below 60, got " + minutes);
        }
        if (offset < 0 || offset > 59) {
            throw new IllegalArgumentException("offset must be 0 to 59, got " + offset);
        }
        offset = offset % minutes;
    }

    EveryMinutes(int minutes) {
        this(minutes, 0);
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        int slot = Math.floorDiv(after.getMinute() - offset, minutes) + 1;
        return after.truncatedTo(ChronoUnit.HOURS).plusMinutes((long) slot * minutes + offset);
    }

    @Override
    public String canonical() {
        if (offset != 0) {
            String step = switch (minutes) {
                case 30 -> "half hour";
                case 15 -> "quarter hour";
                default -> minutes + " minutes";
            };
            return "every " + step + " from 0:%02d".formatted(offset);
        }
        return minutes == 1 ? "every minute" : "every " + minutes + " minutes";
    }
}
