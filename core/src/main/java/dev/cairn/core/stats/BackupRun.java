package dev.cairn.core.stats;

import dev.cairn.core.catalog.TaskStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * One ended backup task of a job: how it ended, when it ran and, when it made an archive, the
 * archive's sizes and taken time ({@code rawBytes} and {@code storedBytes} are 0 and {@code archive}
 * null when it made none).
 */
public record BackupRun(UUID task, UUID job, TaskStatus status, Instant requestedAt, Instant startedAt,
                        Instant stoppedAt, UUID archive, Instant takenAt, long rawBytes, long storedBytes) {

    /** How long the task ran, from start to stop; zero when it never started. */
    public Duration duration() {
        return startedAt == null || stoppedAt == null ? Duration.ZERO : Duration.between(startedAt, stoppedAt);
    }

    /** When the run ended: its stop time, else when it was asked for. */
    public Instant endedAt() {
        return stoppedAt != null ? stoppedAt : requestedAt;
    }

    public boolean succeeded() {
        return status == TaskStatus.DONE;
    }
}
