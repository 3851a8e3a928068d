package dev.cairn.plugin;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * A running child process started through {@link TaskContext#spawn}. Its stderr is already being
 * copied to the task log.
 */
public interface ChildProcess extends AutoCloseable {

    /** The process's standard input; close it to signal the end of input. */
    OutputStream stdin();

    /** The process's standard output. */
    InputStream stdout();

    /**
     * Waits for the process to end; a non-zero exit throws a {@link PluginException} that quotes
     * the last lines it wrote to stderr.
     */
    void await();

    /** Stops the process and everything it started, if still running. */
    @Override
    void close();
}
