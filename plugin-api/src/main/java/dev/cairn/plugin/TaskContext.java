package dev.cairn.plugin;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What a running task offers a plugin: its log, the child processes it starts, and whether it was
 * cancelled.
 *
 * <p>Start data-system tools through {@link #spawn} rather than {@link ProcessBuilder}: Cairn then
 * copies their stderr to the task log with secrets redacted, and stops the whole process tree at
 * once when the task is cancelled or times out.
 */
public interface TaskContext {

    /** Appends one line to the task log; endpoint secrets and any {@link #redact redacted} text are masked. */
    void log(String line);

    /** Masks {@code secret} wherever it would appear in this task's log from now on. */
    void redact(String secret);

    /** Starts a child process whose stderr goes to the task log. */
    ChildProcess spawn(ProcessSpec spec) throws IOException;

    /** Whether the task has been cancelled; long loops check it and stop. */
    boolean cancelled();

    /**
     * A directory only Cairn's user may enter (0700), for files a tool must read a secret from
     * (create them 0600 and delete them when done): the server's is {@code <data>/private}, emptied
     * at every start, so what a killed task left there does not outlive a restart. Never use the
     * system temporary directory for such files.
     *
     * <p>The default, for contexts without a data directory, is a 0700 directory of this user
     * under the system temporary directory, which nothing empties.
     */
    default Path privateDirectory() {
        return PrivateDirectory.fallback();
    }
}
