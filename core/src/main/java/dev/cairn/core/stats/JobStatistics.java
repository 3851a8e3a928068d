package dev.cairn.core.stats;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.TaskStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Computes a job's {@link JobStats} from its backup history: success rates over 7 and 30 days, the
 * last runs, and the mean time between failures (the mean gap between consecutive failures' ends over
 * the last 30 days). Reads at most 30 days and {@link #MAX_RUNS} runs of one job.
 */
public final class JobStatistics {
    /** The most runs one request may ask for. */
    public static final int MAX_RUNS = 1000;
    /** How many runs {@link #of(UUID)} shows, as the web UI's chart does. */
    public static final int DEFAULT_RUNS = 30;
    private static final Duration WEEK = Duration.ofDays(7);
    private static final Duration MONTH = Duration.ofDays(30);
    private final BackupHistory history;
    private final Clock clock;

    public JobStatistics(BackupHistory history, Clock clock) {
        this.history = history;
        this.clock = clock;
    }

    public JobStats of(UUID job) {
        return of(job, DEFAULT_RUNS);
    }

    /** {@code job}'s statistics with its last {@code runs} runs (1 to {@link #MAX_RUNS}). */
    public JobStats of(UUID job, int runs) {
        if (runs < 1 || runs > MAX_RUNS) {
            throw new CairnException.InvalidInput("runs must be between 1 and " + MAX_RUNS + ", got " + runs);
        }
        Instant now = clock.instant();
        List<BackupRun> month = history.since(job, now.minus(MONTH));
        List<BackupRun> failures = month.stream().filter(r -> r.status() == TaskStatus.FAILED).toList();
        Duration mtbf = null;
        if (failures.size() >= 2) {
            // newest first: the span from the oldest failure to the newest, shared among the gaps
            Duration span = Duration.between(failures.getLast().endedAt(), failures.getFirst().endedAt());
            mtbf = span.dividedBy(failures.size() - 1);
        }
        List<BackupRun> last = history.last(job, runs);
        return new JobStats(job, now, rate(month, now.minus(WEEK), WEEK), rate(month, now.minus(MONTH), MONTH), last, mtbf,
                lastEnded(month, last, TaskStatus.DONE), lastEnded(month, last, TaskStatus.FAILED));
    }

    private static JobStats.Rate rate(List<BackupRun> runs, Instant from, Duration window) {
        int ended = 0;
        int succeeded = 0;
        int failed = 0;
        for (BackupRun run : runs) {
            if (run.endedAt().isBefore(from)) {
                continue;
            }
            ended++;
            if (run.status() == TaskStatus.DONE) {
                succeeded++;
            } else if (run.status() == TaskStatus.FAILED) {
                failed++;
            }
        }
        return new JobStats.Rate(window, ended, succeeded, failed);
    }

    /** When the newest run that ended as {@code status} ended, from what was read already (null when none was seen). */
    private static Instant lastEnded(List<BackupRun> month, List<BackupRun> last, TaskStatus status) {
        return Stream.concat(month.stream(), last.stream()).filter(r -> r.status() == status)
                .map(BackupRun::endedAt).max(Instant::compareTo).orElse(null);
    }
}
