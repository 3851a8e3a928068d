package dev.cairn.core.task;

import dev.cairn.core.agents.AgentHub;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.catalog.Tasks;
import dev.cairn.core.pipeline.ArchivePipeline;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.PluginException;
import java.io.InterruptedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs pending tasks from the catalog: claims them one by one (ad hoc first, one per target at a
 * time), runs each on its own virtual thread with a timeout, and ends each as done, failed or
 * canceled. Several servers on one catalog each run a runner; a claim goes to one of them.
 */
public final class TaskRunner implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TaskRunner.class);

    private final String name;
    private final Tasks tasks;
    private final Clock clock;
    private final Duration timeout;
    private final Duration shutdownGrace;
    private final Path privateDirectory;
    private final Map<Task.Op, Work> work;
    private final Repositories catalog;
    private final PluginRegistry plugins;
    private final ArchivePipeline pipeline;
    private final Map<UUID, RunningTask> running = new ConcurrentHashMap<>();
    private final Semaphore slots;
    private final Semaphore wake = new Semaphore(0);
    private final ScheduledExecutorService timers = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("task-timeouts").factory());
    private final List<Consumer<Task>> endListeners = new CopyOnWriteArrayList<>();
    private volatile boolean stopping;
    private volatile Instant stoppedAt;
    private Thread loop;

    /**
     * @param name     this server's name in the catalog's {@code runner} column
     * @param agents   where the tasks of targets that name an agent hand their work over
     * @param parallel how many tasks may run at once on this server
     * @param timeout  how long a task may run before it is stopped and failed
     */
    public TaskRunner(String name, Repositories catalog, PluginRegistry plugins, AgentHub agents, ArchivePipeline pipeline,
                      Clock clock, RunnerSettings settings) {
        this.name = name;
        this.tasks = catalog.tasks();
        this.clock = clock;
        this.timeout = settings.timeout();
        this.shutdownGrace = settings.shutdownGrace();
        this.privateDirectory = settings.privateDirectory();
        this.slots = new Semaphore(settings.parallel());
        this.catalog = catalog;
        this.plugins = plugins;
        this.pipeline = pipeline;
        this.work = new java.util.EnumMap<>(Map.of(Task.Op.BACKUP, new BackupWork(catalog, plugins, agents, pipeline, clock),
                Task.Op.RESTORE, new RestoreWork(catalog, plugins, agents, pipeline),
                Task.Op.VERIFY, new VerifyWork(catalog, plugins, pipeline)));
    }

    /** Runs image tasks through {@code images}; call before {@link #start()}. */
    public void runImages(dev.cairn.core.instances.Images images) {
        work.put(Task.Op.IMAGE, new ImageWork(catalog, plugins, pipeline, images));
    }

    /**
     * Runs sanitise tasks in {@code scratch} engines with the rules and keys of {@code rules}; call
     * before {@link #start()}.
     */
    public void runSanitise(dev.cairn.core.instances.ScratchEngines scratch, dev.cairn.core.sanitise.SanitiseRules rules) {
        work.put(Task.Op.SANITISE, new SanitiseWork(catalog, plugins, pipeline, scratch, rules, work.get(Task.Op.BACKUP)));
    }

    /**
     * How tasks run on this server.
     *
     * @param parallel         how many tasks run at once
     * @param timeout          how long each may run before it is stopped and failed
     * @param shutdownGrace    how long a stopping server lets running tasks go on before it cancels them
     * @param privateDirectory the tasks' {@link dev.cairn.plugin.TaskContext#privateDirectory()}, or null for
     *                         the interface's default
     */
    public record RunnerSettings(int parallel, Duration timeout, Duration shutdownGrace, Path privateDirectory) {
        /** Together with {@link #CLEAN_UP_WAIT}, within systemd's default 90 s stop timeout. */
        public static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(20);
        public static final RunnerSettings DEFAULT = new RunnerSettings(2, Duration.ofHours(12));

        public RunnerSettings {
            if (shutdownGrace.isNegative()) {
                throw new dev.cairn.core.CairnException.InvalidInput("shutdown grace must not be negative, got " + shutdownGrace);
            }
        }

        public RunnerSettings(int parallel, Duration timeout) {
            this(parallel, timeout, SHUTDOWN_GRACE, null);
        }

        public RunnerSettings withShutdownGrace(Duration grace) {
            return new RunnerSettings(parallel, timeout, grace, privateDirectory);
        }

        public RunnerSettings withPrivateDirectory(Path directory) {
            return new RunnerSettings(parallel, timeout, shutdownGrace, directory);
        }
    }

    /** How long a stopping server waits for canceled tasks to clean up before it stops anyway. */
    static final Duration CLEAN_UP_WAIT = Duration.ofSeconds(10);

    /**
     * Fails the tasks a crash of this server left running and removes what they had half-written,
     * then starts taking work.
     */
    public void start() {
        recoverFromCrash();
        loop = Thread.ofPlatform().name("task-runner").daemon().start(this::runLoop);
    }

    void recoverFromCrash() {
        for (Task task : tasks.running(name)) {
            RunningTask context = new RunningTask(task.uuid(), tasks, clock, privateDirectory);
            String outcome;
            try {
                outcome = work.get(task.op()).recover(task, context);
            } catch (RuntimeException e) {
                outcome = "what it left behind could not be cleaned up: " + e.getMessage();
            }
            context.log("server restarted while this task was running; " + outcome);
            tasks.finish(task.uuid(), TaskStatus.FAILED, clock.instant());
            LOG.warn("task {} was left running by a crash; marked failed ({})", task.uuid(), outcome);
        }
    }

    /**
     * Calls {@code listener} with each task this runner ends (done, failed or canceled), as the
     * catalog has it then, on the task's thread; it must return quickly and its failure is logged only.
     */
    public void onEnd(Consumer<Task> listener) {
        endListeners.add(listener);
    }

    /** Looks for pending work now rather than at the next poll. */
    public void wake() {
        wake.release();
    }

    private void runLoop() {
        while (!stopping) {
            try {
                pollCancellations();
                while (slots.tryAcquire()) {
                    Optional<Task> next = tasks.claimNext(name, clock.instant());
                    if (next.isEmpty()) {
                        slots.release();
                        break;
                    }
                    Task task = next.get();
                    // registered before its thread starts, so that close() sees every task this loop claimed
                    RunningTask context = new RunningTask(task.uuid(), tasks, clock, privateDirectory);
                    running.put(task.uuid(), context);
                    Thread worker = Thread.ofVirtual().name("task-" + task.uuid()).unstarted(() -> {
                        try {
                            execute(task, context);
                        } finally {
                            slots.release();
                            wake();
                        }
                    });
                    context.bindWorker(worker);
                    worker.start();
                }
                wake.tryAcquire(1, TimeUnit.SECONDS);
                wake.drainPermits();
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                LOG.error("task runner: {}", e.getMessage(), e);
                try {
                    wake.tryAcquire(5, TimeUnit.SECONDS);
                } catch (InterruptedException ie) {
                    return;
                }
            }
        }
    }

    /** Stops local tasks that were canceled through the catalog (possibly by another server). */
    private void pollCancellations() {
        for (RunningTask task : running.values()) {
            if (tasks.cancelRequested(task.uuid())) {
                task.cancel(RunningTask.StopReason.CANCELED);
            }
        }
    }

    private void execute(Task task, RunningTask context) {
        ScheduledFuture<?> deadline = timers.schedule(() -> context.cancel(RunningTask.StopReason.TIMED_OUT),
                timeout.toMillis(), TimeUnit.MILLISECONDS);
        TaskStatus outcome;
        String reason = null;
        Instant started = clock.instant();
        // one line per start and end on the server's console, as someone watching `cairn dev` expects
        LOG.info("task {} started: {} for {}", task.uuid(), what(task), context.masked(task.owner()));
        try {
            context.log("task " + task.uuid() + " (" + task.op().wire() + ") started by " + name + " for " + task.owner());
            work.get(task.op()).perform(task, context);
            outcome = context.cancelled() ? stopped(context) : TaskStatus.DONE;
        } catch (Throwable e) {
            outcome = context.cancelled() ? stopped(context) : TaskStatus.FAILED;
            if (outcome == TaskStatus.FAILED) {
                reason = describe(e);
                context.log("failed: " + reason);
                if (!(e instanceof PluginException)) {
                    LOG.warn("task {} failed", task.uuid(), e);
                }
            }
        } finally {
            deadline.cancel(false);
            context.closeChildren();
            Thread.interrupted();
        }
        if (outcome != TaskStatus.DONE) {
            if (context.aftermath() != null) {
                context.log(context.aftermath());
            }
            try {
                String removed = work.get(task.op()).cleanUp(task);
                if (outcome == TaskStatus.CANCELED && removed != null) {
                    context.log(removed);
                }
            } catch (RuntimeException e) {
                context.log("clean-up: " + e.getMessage());
            }
        }
        if (outcome == TaskStatus.DONE) {
            context.log("done");
        }
        tasks.finish(task.uuid(), outcome, clock.instant());
        running.remove(task.uuid());
        tellEnd(task.uuid());
        long seconds = Duration.between(started, clock.instant()).toSeconds();
        if (outcome == TaskStatus.DONE) {
            LOG.info("task {} done after {} s: {}", task.uuid(), seconds, what(task));
        } else {
            LOG.warn("task {} {} after {} s: {}{}", task.uuid(), outcome.wire(), seconds, what(task),
                    reason == null ? "" : ": " + context.masked(reason));
        }
    }

    private void tellEnd(UUID uuid) {
        if (endListeners.isEmpty()) {
            return;
        }
        try {
            Task ended = tasks.get(uuid);
            for (Consumer<Task> listener : endListeners) {
                try {
                    listener.accept(ended);
                } catch (RuntimeException e) {
                    LOG.warn("after task {}: {}", uuid, e.getMessage());
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("after task {}: {}", uuid, e.getMessage());
        }
    }

    /** "backup of job 2f42…", "restore of archive 9ee4… into target 7eb2…": what a console line says a task is. */
    private static String what(Task task) {
        return switch (task.op()) {
            case BACKUP -> "backup of job " + task.job();
            case RESTORE -> "restore of archive " + task.archive() + " into target " + task.target();
            case VERIFY -> "verify of archive " + task.archive();
            case IMAGE -> "image of archive " + task.archive();
            case SANITISE -> "sanitised variant of archive " + task.archive();
        };
    }

    private TaskStatus stopped(RunningTask context) {
        if (context.stopReason() == RunningTask.StopReason.TIMED_OUT) {
            context.log("failed: timed out after " + timeout + "; the task was stopped");
            return TaskStatus.FAILED;
        }
        if (context.stopReason() == RunningTask.StopReason.SERVER_STOPPED) {
            context.log("canceled: the server " + name + " was stopped at " + stoppedAt + " while this task ran; "
                    + "its processes were stopped");
            return TaskStatus.CANCELED;
        }
        context.log("canceled; its processes were stopped");
        return TaskStatus.CANCELED;
    }

    private static String describe(Throwable e) {
        if (e instanceof PluginException || e instanceof dev.cairn.core.CairnException) {
            return e.getMessage();
        }
        if (e instanceof InterruptedIOException || e instanceof CancellationException) {
            return "interrupted";
        }
        return e.getClass().getSimpleName() + ": " + e.getMessage();
    }

    /**
     * Cancels {@code uuid}: a pending task ends at once; a running one is stopped (here, or by the
     * server that runs it at its next poll). False when the task had already ended.
     */
    public boolean cancel(UUID uuid) {
        boolean changed = tasks.requestCancel(uuid, clock.instant());
        RunningTask local = running.get(uuid);
        if (local != null) {
            local.cancel(RunningTask.StopReason.CANCELED);
        }
        return changed;
    }

    /** Whether a task is running on this server. */
    public boolean runningHere(UUID uuid) {
        return running.containsKey(uuid);
    }

    /**
     * Stops taking work, lets running tasks go on for the settings' shutdown grace, then cancels
     * those still running with the usual clean-up and waits (up to {@link #CLEAN_UP_WAIT}) for it,
     * so that they end canceled, saying in their logs that the server was stopped. A task whose
     * clean-up outlasts that is left to the next start, which fails it and removes its output.
     */
    @Override
    public void close() {
        stopping = true;
        stoppedAt = clock.instant();
        wake();
        if (loop != null) {
            try {
                loop.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            stopRunningTasks();
        } finally {
            timers.shutdownNow();
        }
    }

    private void stopRunningTasks() {
        List<RunningTask> left = List.copyOf(running.values());
        if (left.isEmpty()) {
            return;
        }
        if (shutdownGrace.isPositive()) {
            LOG.info("stopping: letting {} running task(s) go on for up to {} s", left.size(), shutdownGrace.toSeconds());
            left.forEach(task -> task.log("the server " + name + " is stopping (" + stoppedAt + "); this task may go on for "
                    + shutdownGrace.toSeconds() + " s before it is canceled"));
            left = awaitEnd(left, shutdownGrace);
        }
        if (left.isEmpty()) {
            return;
        }
        LOG.warn("stopping: canceling {} running task(s): {}", left.size(), left.stream().map(t -> t.uuid().toString()).toList());
        left.forEach(task -> task.cancel(RunningTask.StopReason.SERVER_STOPPED));
        for (RunningTask task : awaitEnd(left, CLEAN_UP_WAIT)) {
            task.log("the server stopped before this task's clean-up ended; its next start marks the task failed and "
                    + "removes its partial output");
            LOG.warn("task {} was still cleaning up when the server stopped; the next start fails it", task.uuid());
        }
    }

    /** Waits up to {@code limit} (real time: these are threads ending) for {@code tasks}; returns those still running. */
    private static List<RunningTask> awaitEnd(List<RunningTask> tasks, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        List<RunningTask> left = new ArrayList<>();
        for (RunningTask task : tasks) {
            Thread worker = task.worker();
            try {
                long remaining = Math.max(0, deadline - System.nanoTime());
                if (worker != null && !worker.join(Duration.ofNanos(remaining))) {
                    left.add(task);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                left.add(task);
            }
        }
        return left;
    }
}
