package dev.cairn.core.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * A unit of work the core performs (a backup of a job, a restore or a verify of an archive), with who asked
 * for it, when it ran and its log.
 */
public record Task(UUID uuid, String owner, Op op, UUID job, UUID archive, UUID target, UUID store,
                   TaskStatus status, int priority, Instant requestedAt, Instant startedAt, Instant stoppedAt,
                   Instant scheduledFor, String log) {

    /** The owner of work the scheduler starts. */
    public static final String SYSTEM = "system";

    /** What a task does. */
    public enum Op {
        BACKUP, RESTORE, VERIFY;

        public String wire() {
            return name().toLowerCase();
        }
    }

    /** Whether a person asked for this task (ad hoc work goes before scheduled work). */
    public boolean adHoc() {
        return scheduledFor == null;
    }
}
