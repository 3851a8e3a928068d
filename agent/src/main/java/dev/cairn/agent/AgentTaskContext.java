package dev.cairn.agent;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.Redactor;
import dev.cairn.plugin.SupervisedProcess;
import dev.cairn.plugin.TaskContext;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The {@link TaskContext} a plugin gets on the agent: its log lines, secrets masked, go to the
 * core's task log; its child processes are tracked; {@link #cancel} kills them and interrupts the
 * threads doing the work, once the core asks for it.
 */
final class AgentTaskContext implements TaskContext {
    private final LogShipper log;
    private final Redactor secrets = new Redactor(Redactor.MASK);
    private final Set<SupervisedProcess> children = ConcurrentHashMap.newKeySet();
    private final Set<Thread> workers = ConcurrentHashMap.newKeySet();
    private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
    private final Path privateDirectory;
    private volatile boolean cancelled;

    AgentTaskContext(LogShipper log, Path privateDirectory) {
        this.log = log;
        this.privateDirectory = privateDirectory;
    }

    @Override
    public void log(String line) {
        log.add(mask(line));
    }

    String mask(String line) {
        return secrets.mask(line);
    }

    @Override
    public void redact(String secret) {
        secrets.add(secret);
    }

    @Override
    public ChildProcess spawn(ProcessSpec spec) {
        if (cancelled) {
            throw new PluginException("the work was cancelled");
        }
        SupervisedProcess child = SupervisedProcess.start(spec, this::log);
        children.add(child);
        if (cancelled) {
            child.close();
        }
        return child;
    }

    /** The agent's private directory, emptied when the agent starts. */
    @Override
    public Path privateDirectory() {
        return privateDirectory;
    }

    @Override
    public boolean cancelled() {
        return cancelled;
    }

    /** Interrupts {@code thread} too when the work is cancelled. */
    void bind(Thread thread) {
        workers.add(thread);
        if (cancelled) {
            thread.interrupt();
        }
    }

    /** Runs {@code action} when the work is cancelled, such as breaking its data stream. */
    void onCancel(Runnable action) {
        onCancel.add(action);
        if (cancelled) {
            action.run();
        }
    }

    void cancel() {
        if (cancelled) {
            return;
        }
        cancelled = true;
        children.forEach(SupervisedProcess::close);
        onCancel.forEach(Runnable::run);
        workers.forEach(Thread::interrupt);
    }

    /** Stops whatever child processes are still running once the work is over. */
    void closeChildren() {
        children.forEach(SupervisedProcess::close);
    }
}
