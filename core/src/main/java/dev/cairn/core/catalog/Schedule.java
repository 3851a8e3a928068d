package dev.cairn.core.catalog;

import dev.cairn.core.schedule.Timespec;
import java.time.ZoneId;
import java.util.UUID;

/** When jobs run: a timespec read in a time zone. */
public record Schedule(UUID uuid, String name, String summary, Timespec when, ZoneId timezone) {
    public Schedule {
        summary = summary == null ? "" : summary;
        timezone = timezone == null ? ZoneId.of("UTC") : timezone;
    }
}
