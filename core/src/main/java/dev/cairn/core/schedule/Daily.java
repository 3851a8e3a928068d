package dev.cairn.core.schedule;

import java.time.LocalDateTime;
import java.time.LocalTime;

/** Once a day at {@code at}: {@code daily at 4:00}. */
record Daily(LocalTime at) implements Recurrence {

    Daily {
        Recurrence.requireWholeMinute(at);
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        LocalDateTime today = after.toLocalDate().atTime(at);
        return today.isAfter(after) ? today : today.plusDays(1);
    }

    @Override
    public String canonical() {
        return "daily at " + Recurrence.clock(at);
    }
}
