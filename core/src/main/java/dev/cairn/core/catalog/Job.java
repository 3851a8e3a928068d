package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.time.Instant;
import java.util.UUID;

/** A target backed up to a store on a schedule, its archives kept per a retention policy. */
public record Job(UUID uuid, String name, String summary, UUID target, UUID store, UUID schedule, UUID retention,
                  int priority, boolean paused, Instant nextRun) {
    public Job {
        summary = summary == null ? "" : summary;
        if (priority < 0 || priority > 100) {
            throw new CairnException.InvalidInput("priority must be between 0 (highest) and 100, got " + priority);
        }
    }
}
