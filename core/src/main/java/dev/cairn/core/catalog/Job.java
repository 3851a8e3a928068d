package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;

/**
 * A target backed up to a store on a schedule, its archives kept per a retention policy. Each
 * backup may also be copied to further stores ({@code copies}) and verified once stored
 * ({@code verify}).
 */
public record Job(UUID uuid, String name, String summary, UUID target, UUID store, UUID schedule, UUID retention,
                  int priority, boolean paused, Instant nextRun, List<UUID> copies, boolean verify) {
    /** The highest priority, seed 004's 0. */
    public static final int HIGHEST_PRIORITY = 0;
    /** The lowest priority, seed 004's 100. */
    public static final int LOWEST_PRIORITY = 100;
    /** The priority of a job that names none, seed 004's default. */
    public static final int DEFAULT_PRIORITY = 50;

    public Job {
        summary = summary == null ? "" : summary;
        copies = copies == null ? List.of() : List.copyOf(new LinkedHashSet<>(copies));
        if (copies.contains(store)) {
            throw new CairnException.InvalidInput("copies must name stores other than the job's own store");
        }
        if (priority < HIGHEST_PRIORITY || priority > LOWEST_PRIORITY) {
            throw new CairnException.InvalidInput("priority must be between 0 (highest) and 100, got " + priority);
        }
    }
}

