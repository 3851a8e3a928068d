package dev.cairn.core.task;

import dev.cairn.core.catalog.Tasks;
import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.SupervisedProcess;
import dev.cairn.plugin.TaskContext;
import java.time.Clock;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link TaskContext} of one running task: log lines go to the task's row with secrets
 * masked, child processes are tracked, and {@link #cancel} stops them and the task's thread at once.
 */
final class RunningTask implements TaskContext {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final String MASK = "********";

    /** Why a task was stopped before its end. */
    enum StopReason { CANCELED, TIMED_OUT }

    private final UUID uuid;
    private final Tasks tasks;
    private final Clock clock;
    private final List<String> secrets = new CopyOnWriteArrayList<>();
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

    @Override
    public void log(String line) {
        String masked = line;
        for (String secret : secrets) {
            masked = masked.replace(secret, MASK);
        }
        tasks.appendLog(uuid, LocalTime.ofInstant(clock.instant(), ZoneOffset.UTC).format(STAMP) + " " + masked + "\n");
    }

    @Override
    public void redact(String secret) {
        if (secret != null && !secret.isEmpty()) {
            secrets.add(secret);
        }
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
