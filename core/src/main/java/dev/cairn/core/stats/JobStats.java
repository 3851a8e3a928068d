package dev.cairn.core.stats;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * How a job's backups went, as of {@code at}: its success over the last 7 and 30 days, its last runs
 * (newest first) and the mean time between its failures over the last 30 days (null with fewer than
 * two failures there).
 */
public record JobStats(UUID job, Instant at, Rate last7Days, Rate last30Days, List<BackupRun> runs,
                       Duration meanTimeBetweenFailures, Instant lastSuccess, Instant lastFailure) {
    public JobStats {
        runs = List.copyOf(runs);
    }

    /**
     * Ended runs in a window: {@code succeeded} of {@code ended}, {@code failed} of them failed (the rest
     * were canceled); {@link #rate()} leaves canceled runs out, and is null when nothing succeeded or failed.
     */
    public record Rate(Duration window, int ended, int succeeded, int failed) {
        /** The share of runs that succeeded among those that succeeded or failed, 0 to 1; null when there are none. */
        public Double rate() {
            int counted = succeeded + failed;
            return counted == 0 ? null : (double) succeeded / counted;
        }
    }
}
