package dev.cairn.core.schedule;

import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;

/** Once an hour at {@code minute} past: {@code hourly at 15 after}, as SHIELD writes it. */
record Hourly(int minute) implements Recurrence {

    Hourly {
        if (minute < 0 || minute > 59) {
            throw new IllegalArgumentException("minute must be 0 to 59, got " + minute);
        }
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        LocalDateTime thisHour = after.truncatedTo(ChronoUnit.HOURS).withMinute(minute);
        return thisHour.isAfter(after) ? thisHour : thisHour.plusHours(1);
    }

    @Override
    public String canonical() {
        return "hourly at " + minute + " after";
    }
}
