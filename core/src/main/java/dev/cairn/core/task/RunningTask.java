package dev.cairn.core.task;

import dev.cairn.core.catalog.Names;
import dev.cairn.core.catalog.Tasks;
import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.Redactor;
import dev.cairn.plugin.SupervisedProcess;
import dev.cairn.plugin.TaskContext;
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
    enum StopReason { CANCELED, TIMED_OUT }

    private final UUID uuid;
    private final Tasks tasks;
    private final Clock clock;
    private final Redactor secrets = new Redactor(Redactor.MASK);
    private final Set<SupervisedProcess> children = ConcurrentHashMap.newKeySet();
    private volatile StopReason stopReason;
    private volatile Thread worker;

    RunningTask(UUID uuid, Tasks tasks, Clock clock) {
        this.uuid = uuid;
        this.tasks = tasks;
        this.clock = clock;
    }

    UUID uuid() {
        return uuid;
    }

    void bindWorker(Thread thread) {
        this.worker = thread;
    }

    /** Appends {@code line} with its time; control characters in it are escaped, so one call is one line. */
    @Override
    public void log(String line) {
        tasks.appendLog(uuid, LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(STAMP) + " "
                + Names.printable(secrets.mask(line)) + "\n");
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

    /** Stops whatever children are still running once the task is over. */
    void closeChildren() {
        children.forEach(SupervisedProcess::close);
    }
}
