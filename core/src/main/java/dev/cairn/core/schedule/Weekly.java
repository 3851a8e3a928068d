package dev.cairn.core.schedule;

import java.time.DayOfWeek;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.Objects;

/** Once a week on {@code day} at {@code at}: {@code thursdays at 23:35}, as SHIELD writes it. */
record Weekly(DayOfWeek day, LocalTime at) implements Recurrence {

    Weekly {
        Objects.requireNonNull(day, "day");
        Recurrence.requireWholeMinute(at);
    }

    @Override
    public LocalDateTime nextAfter(LocalDateTime after) {
        LocalDateTime thisWeek = after.toLocalDate().with(TemporalAdjusters.nextOrSame(day)).atTime(at);
        return thisWeek.isAfter(after) ? thisWeek : thisWeek.plusWeeks(1);
    }

    @Override
    public String canonical() {
        return day.name().toLowerCase(Locale.ROOT) + "s at " + Recurrence.clock(at);
    }
}
