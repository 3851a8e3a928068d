package dev.cairn.core.retention;

import dev.cairn.core.catalog.Archive;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a sweep at {@code at} does with each stored archive of one target under one retention
 * policy: purges it, or keeps it and says by which rules ({@code keptBy}, e.g. {@code "daily
 * 2026-11-20"}, {@code "weekly 2026-W47"}, {@code "monthly 2026-11"}, {@code "yearly 2026"}, or
 * {@code "not expired until 2026-11-24T02:00:00Z"}). Newest archive first.
 */
public record RetentionPlan(UUID policy, UUID target, Instant at, List<Decision> decisions) {
    public RetentionPlan {
        decisions = List.copyOf(decisions);
    }

    /** One archive's fate: purged when no rule keeps it. */
    public record Decision(Archive archive, List<String> keptBy) {
        public Decision {
            keptBy = List.copyOf(keptBy);
        }

        public boolean purge() {
            return keptBy.isEmpty();
        }
    }

    /** The archives the sweep purges, newest first. */
    public List<Archive> purged() {
        return decisions.stream().filter(Decision::purge).map(Decision::archive).toList();
    }

    /** The archives the sweep keeps, newest first. */
    public List<Archive> kept() {
        return decisions.stream().filter(d -> !d.purge()).map(Decision::archive).toList();
    }

    /** Whether the sweep purges the archive {@code uuid}; false for one this plan does not cover. */
    public boolean purges(UUID uuid) {
        return decisions.stream().anyMatch(d -> d.purge() && d.archive().uuid().equals(uuid));
    }
}
