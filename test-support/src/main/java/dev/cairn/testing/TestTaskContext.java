package dev.cairn.testing;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.Redactor;
import dev.cairn.plugin.SupervisedProcess;
import dev.cairn.plugin.TaskContext;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real task context for plugin tests: child processes really run (through
 * {@link SupervisedProcess}), their stderr and the plugin's own lines land in an in-memory log with
 * secrets masked, and {@link #cancel()} stops every process the task started.
 *
 * <p>{@link #spawned()} keeps each process spec as given, unmasked, so a test can check that no
 * secret reached a command line.
 */
public final class TestTaskContext implements TaskContext {
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Redactor secrets = new Redactor("[redacted]");
    private final List<ProcessSpec> spawned = new CopyOnWriteArrayList<>();
    private final List<ChildProcess> children = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;
    private volatile Path privateDirectory;

    @Override
    public void log(String line) {
        lines.add(secrets.mask(line));
    }

    @Override
    public void redact(String secret) {
        secrets.add(secret);
    }

    /** Starts {@code spec}, logging its command line (masked) and then each line it writes to stderr. */
    @Override
    public ChildProcess spawn(ProcessSpec spec) {
        if (cancelled) {
            throw new PluginException("the task was cancelled");
        }
        spawned.add(spec);
        log("$ " + String.join(" ", spec.command()));
        SupervisedProcess process = SupervisedProcess.start(spec, this::log);
        children.add(process);
        if (cancelled) {
            process.close();
        }
        return process;
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    /** The directory set with {@link #usePrivateDirectory}, else the default of {@link TaskContext}. */
    @Override
    public Path privateDirectory() {
        Path directory = privateDirectory;
        return directory != null ? directory : TaskContext.super.privateDirectory();
    }

    /** Makes {@code directory} this context's private directory, as the server's {@code <data>/private} is. */
    public TestTaskContext usePrivateDirectory(Path directory) {
        this.privateDirectory = directory;
        return this;
    }

    /** Marks the task cancelled and stops every process it started. */
    public void cancel() {
        cancelled = true;
        children.forEach(ChildProcess::close);
    }

    /** The log so far, one line per entry, secrets masked. */
    public String logText() {
        return String.join("\n", lines);
    }

    /** The log so far, as lines. */
    public List<String> logLines() {
        return List.copyOf(lines);
    }

    /** Every process spec passed to {@link #spawn}, as given (not masked). */
    public List<ProcessSpec> spawned() {
        return List.copyOf(spawned);
    }

}
