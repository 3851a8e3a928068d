package dev.cairn.plugin;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A {@link ChildProcess} over a real operating-system process: its stderr is read line by line
 * into a sink (the task log), the last lines are kept to explain a failure, and closing it stops
 * the process and all of its descendants.
 *
 * <p>Task contexts use this to implement {@link TaskContext#spawn}; plugins do not need it directly.
 */
public final class SupervisedProcess implements ChildProcess {
    /** How long {@link #close} waits for the killed processes to be gone. */
    private static final Duration EXIT_WAIT = Duration.ofSeconds(10);
    private static final int KEPT_LINES = 5;

    private final Process process;
    private final String program;
    private final Thread stderrPump;
    private final Deque<String> lastLines = new ArrayDeque<>();

    private SupervisedProcess(Process process, String program, Consumer<String> stderrSink) {
        this.process = process;
        this.program = program;
        this.stderrPump = Thread.ofVirtual().name(program + "-stderr").start(() -> pump(stderrSink));
    }

    /**
     * Starts {@code spec}, sending each stderr line to {@code stderrSink}.
     *
     * @throws PluginException when the program cannot be started (not installed, not executable)
     */
    public static SupervisedProcess start(ProcessSpec spec, Consumer<String> stderrSink) {
        ProcessBuilder builder = new ProcessBuilder(spec.command());
        builder.environment().putAll(spec.environment());
        if (spec.directory() != null) {
            builder.directory(spec.directory().toFile());
        }
        String program = spec.command().getFirst();
        try {
            return new SupervisedProcess(builder.start(), program, stderrSink);
        } catch (IOException e) {
            throw new PluginException("cannot start " + program + ": " + e.getMessage()
                    + " (is it installed and on the PATH?)", e);
        }
    }

    private void pump(Consumer<String> sink) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                synchronized (lastLines) {
                    lastLines.addLast(line);
                    if (lastLines.size() > KEPT_LINES) {
                        lastLines.removeFirst();
                    }
                }
                sink.accept(line);
            }
        } catch (IOException | UncheckedIOException e) {
            // the process was stopped; nothing more to read
        }
    }

    @Override
    public OutputStream stdin() {
        return process.getOutputStream();
    }

    @Override
    public InputStream stdout() {
        return process.getInputStream();
    }

    /** The operating-system process, for callers that need its pid or exit value. */
    public Process process() {
        return process;
    }

    @Override
    public void await() {
        int exit;
        try {
            exit = process.waitFor();
            stderrPump.join();
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw new PluginException(program + " was stopped because the task was interrupted", e);
        }
        if (exit != 0) {
            String why;
            synchronized (lastLines) {
                why = lastLines.isEmpty() ? "" : ": " + String.join(" / ", lastLines);
            }
            throw new PluginException(program + " exited with status " + exit + why);
        }
    }

    @Override
    public void close() {
        ProcessHandle handle = process.toHandle();
        List<ProcessHandle> all = new ArrayList<>(handle.descendants().toList());
        all.add(handle);
        all.forEach(ProcessHandle::destroyForcibly);
        // killed processes may still be writing for a moment: whoever removes their files next waits for them
        long deadline = System.nanoTime() + EXIT_WAIT.toNanos();
        for (ProcessHandle each : all) {
            try {
                each.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException | ExecutionException e) {
                return; // one that outlives SIGKILL this long is stuck in the kernel; waiting longer will not help
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
