package dev.cairn.core.task;

import dev.cairn.core.catalog.Names;
import dev.cairn.core.catalog.Tasks;
import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.Redactor;
import dev.cairn.plugin.SupervisedProcess;
import dev.cairn.plugin.TaskContext;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link TaskContext} of one running task: log lines go to the task's row with secrets
 * masked, child processes are tracked, and {@link #cancel} stops them and the task's thread at once.
 */
final class RunningTask implements TaskContext {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss");

    /** Why a task was stopped before its end. */
    enum StopReason { CANCELED, TIMED_OUT, SERVER_STOPPED }

    private final UUID uuid;
    private final Tasks tasks;
    private final Clock clock;
    private final Redactor secrets = new Redactor(Redactor.MASK);
    private final Set<SupervisedProcess> children = ConcurrentHashMap.newKeySet();
    private final Path privateDirectory;
    private volatile StopReason stopReason;
    private volatile Thread worker;
    private volatile String aftermath;

    /** A context whose {@link #privateDirectory()} is the interface's default (prefer passing the runner's). */
    RunningTask(UUID uuid, Tasks tasks, Clock clock) {
        this(uuid, tasks, clock, null);
    }

    /** {@code privateDirectory} is what {@link #privateDirectory()} answers, or null for the interface's default. */
    RunningTask(UUID uuid, Tasks tasks, Clock clock, Path privateDirectory) {
        this.uuid = uuid;
        this.tasks = tasks;
        this.clock = clock;
        this.privateDirectory = privateDirectory;
    }

    UUID uuid() {
        return uuid;
    }

    void bindWorker(Thread thread) {
        this.worker = thread;
    }

    Thread worker() {
        return worker;
    }

    /** Appends {@code line} with its time; control characters in it are escaped, so one call is one line. */
    @Override
    public void log(String line) {
        tasks.appendLog(uuid, LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(STAMP) + " "
                + Names.printable(secrets.mask(line)) + "\n");
    }

    /** {@code line} as the task log would show it, for the server's own log: secrets masked, control characters escaped. */
    String masked(String line) {
        return Names.printable(secrets.mask(line));
    }

    @Override
    public void redact(String secret) {
        secrets.add(secret);
    }

    @Override
    public ChildProcess spawn(ProcessSpec spec) {
        if (stopReason != null) {
            throw new dev.cairn.plugin.PluginException("task was stopped");
        }
        SupervisedProcess child = SupervisedProcess.start(spec, this::log);
        children.add(child);
        if (stopReason != null) {
            child.close();
        }
        return child;
    }

    @Override
    public Path privateDirectory() {
        return privateDirectory != null ? privateDirectory : TaskContext.super.privateDirectory();
    }

    @Override
    public boolean cancelled() {
        return stopReason != null;
    }

    StopReason stopReason() {
        return stopReason;
    }

    /** Stops the task now: its processes are killed with their descendants and its thread interrupted. */
    void cancel(StopReason reason) {
        if (stopReason != null) {
            return;
        }
        stopReason = reason;
        children.forEach(SupervisedProcess::close);
        Thread thread = worker;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /**
     * Says what state the task leaves things in should it fail or be cancelled from now on (say,
     * "target db was not changed"); the runner logs it after the failure.
     */
    void aftermath(String line) {
        this.aftermath = line;
    }

    /** What {@link #aftermath(String)} last said; null when nothing was said. */
    String aftermath() {
        return aftermath;
    }

    /** Stops whatever children are still running once the task is over. */
    void closeChildren() {
        children.forEach(SupervisedProcess::close);
    }
}
