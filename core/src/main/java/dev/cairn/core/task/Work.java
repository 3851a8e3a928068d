package dev.cairn.core.task;

import dev.cairn.core.catalog.Task;

/** What the runner does for one kind of task ({@link BackupWork}, {@link RestoreWork}). */
interface Work {
    /** Performs {@code task}; returning normally means done, throwing means failed. */
    void perform(Task task, RunningTask context) throws Exception;

    /** Removes whatever a crashed or stopped run of {@code task} may have left half-written. */
    void cleanUp(Task task);
}
