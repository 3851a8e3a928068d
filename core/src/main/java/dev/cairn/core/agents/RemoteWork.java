package dev.cairn.core.agents;

import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One backup or restore that an agent runs for a task of this server: the order the agent takes,
 * the data hand-over between the agent's HTTP request and the task's thread, and the agent's result.
 */
final class RemoteWork {
    /** What the agent reported at the end: ok, or the one line that says why not. */
    record Result(boolean ok, String error) {
    }

    private final WorkOrder order;
    private final String agent;
    private final TaskContext context;
    private final Instant submittedAt;
    private final ChunkChannel data = new ChunkChannel();
    private final AtomicBoolean streamOpened = new AtomicBoolean();
    private final AtomicBoolean dispatched = new AtomicBoolean();
    private final CompletableFuture<Result> result = new CompletableFuture<>();
    private volatile String stopped;

    RemoteWork(String agent, UUID task, String op, String plugin, Map<String, Object> endpoint, TaskContext context,
               Instant submittedAt) {
        this.order = new WorkOrder(UUID.randomUUID(), task, op, plugin, endpoint);
        this.agent = agent;
        this.context = context;
        this.submittedAt = submittedAt;
    }

    WorkOrder order() {
        return order;
    }

    UUID uuid() {
        return order.uuid();
    }

    String agent() {
        return agent;
    }

    TaskContext context() {
        return context;
    }

    Instant submittedAt() {
        return submittedAt;
    }

    ChunkChannel data() {
        return data;
    }

    /** Marks the work as taken by the agent; false when it already was. */
    boolean dispatch() {
        return dispatched.compareAndSet(false, true);
    }

    boolean dispatched() {
        return dispatched.get();
    }

    /** Claims the one data stream the work has; false when it was opened before. */
    boolean openStream() {
        return streamOpened.compareAndSet(false, true);
    }

    void finish(Result outcome) {
        result.complete(outcome);
    }

    /** The agent's result, or null while it has not sent one. */
    Result result() {
        return result.getNow(null);
    }

    /** The agent's result once it comes within {@code wait}, else null. */
    Result awaitResult(Duration wait) throws InterruptedException {
        try {
            return result.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Why the core gave up on this work, or null while it has not. */
    String stopped() {
        return stopped;
    }

    void stop(String reason) {
        if (stopped == null) {
            stopped = reason;
        }
        data.fail(new IOException("the work was stopped: " + reason));
    }
}
