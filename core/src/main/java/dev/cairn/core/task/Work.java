package dev.cairn.core.task;

import dev.cairn.core.catalog.Task;
import dev.cairn.plugin.TaskContext;

/** What the runner does for one kind of task ({@link BackupWork}, {@link RestoreWork}). */
interface Work {
    /** Performs {@code task}; returning normally means done, throwing means failed. */
    void perform(Task task, RunningTask context) throws Exception;

    /**
     * Removes whatever a stopped or failed run of {@code task} left half-written, and returns the
     * line that tells a user what was removed when the task was cancelled, or null to say nothing.
     */
    String cleanUp(Task task);

    /**
     * After a crash of the server that ran {@code task}: removes what it left half-written and
     * returns what state it left behind, for the log line "server restarted while this task was
     * running; …". {@code context} logs to the task.
     */
    default String recover(Task task, TaskContext context) {
        try {
            cleanUp(task);
            return "its partial output was removed";
        } catch (RuntimeException e) {
            return "its partial output could not be removed: " + e.getMessage();
        }
    }
}
