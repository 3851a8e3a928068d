package dev.cairn.core.catalog;

import java.time.Instant;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A unit of work the core performs (a backup of a job, a restore or a verify of an archive), with who asked
 * for it, when it ran and its log.
 */
public record Task(UUID uuid, String owner, Op op, UUID job, UUID archive, UUID target, UUID store,
                   TaskStatus status, int priority, Instant requestedAt, Instant startedAt, Instant stoppedAt,
                   Instant scheduledFor, String log, UUID team, String ownerNote) {

    /**
     * A task as it is asked for: its team is its target's, which the catalog fills in when saving it,
     * and no note on its owner.
     */
    public Task(UUID uuid, String owner, Op op, UUID job, UUID archive, UUID target, UUID store,
                TaskStatus status, int priority, Instant requestedAt, Instant startedAt, Instant stoppedAt,
                Instant scheduledFor, String log) {
        this(uuid, owner, op, job, archive, target, store, status, priority, requestedAt, startedAt, stoppedAt,
                scheduledFor, log, null, "");
    }

    public Task {
        ownerNote = ownerNote == null ? "" : ownerNote;
    }

    /** This task, with {@code note} (what the client said of its owner, seed 004's {@code owner} field) beside its owner. */
    public Task withOwnerNote(String note) {
        return new Task(uuid, owner, op, job, archive, target, store, status, priority, requestedAt, startedAt, stoppedAt,
                scheduledFor, log, team, note);
    }

    /** The owner of work the scheduler starts. */
    public static final String SYSTEM = "system";

    /** A log line the runner writes when a task fails: {@code HH:mm:ss failed: <reason>}. */
    private static final Pattern FAILED_LINE = Pattern.compile("(?m)^\\d{2}:\\d{2}:\\d{2} failed: (.*)$");

    /** What a task does. */
    public enum Op {
        BACKUP, RESTORE, VERIFY,
        /** Loads an archive into a new image (issue 16). */
        IMAGE,
        /** Makes a sanitised variant of an archive (issue 17). */
        SANITISE;

        public String wire() {
            return name().toLowerCase();
        }
    }

    /**
     * Why a failed task failed, on one line: the last {@code failed: <reason>} line of its log (the runner's,
     * written last; log lines are already escaped), or "" when the task did not fail or logged no reason.
     */
    public String failureReason() {
        if (status != TaskStatus.FAILED || log == null) {
            return "";
        }
        String reason = "";
        Matcher line = FAILED_LINE.matcher(log);
        while (line.find()) {
            reason = line.group(1).strip();
        }
        return reason;
    }

    /** Whether a person asked for this task (ad hoc work goes before scheduled work). */
    public boolean adHoc() {
        return scheduledFor == null;
    }
}
