package dev.cairn.core.agents;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Agent;
import dev.cairn.core.catalog.Agents;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where tasks and agents meet on this server. A task's {@link #remote remote target} queues work
 * for an agent and waits; the agent's poll takes it, and the agent's data request streams through
 * to the task's pipeline with bounded memory. The task's side looks every second at the task and
 * the agent, so a cancelled task stops its agent, and an agent that stops polling for
 * {@link #HEALTHY_WITHIN} fails its work.
 *
 * <p>Agents are remembered in the catalog; work in flight lives only in this server's memory.
 */
public final class AgentHub {
    /** An agent that polled within this long is healthy; one that did not has disappeared. */
    public static final Duration HEALTHY_WITHIN = Duration.ofSeconds(30);
    /** How long a poll is held open waiting for work; well under {@link #HEALTHY_WITHIN}. */
    public static final Duration POLL_HOLD = Duration.ofSeconds(20);
    static final Duration CHECK_EVERY = Duration.ofSeconds(1);
    /** How long a broken data stream waits for the agent's own account of what went wrong. */
    private static final Duration RESULT_GRACE = Duration.ofSeconds(5);

    private final Agents agents;
    private final Clock clock;
    private final Map<String, AgentMailbox> mailboxes = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastSeen = new ConcurrentHashMap<>();
    private final Map<UUID, RemoteWork> work = new ConcurrentHashMap<>();

    public AgentHub(Agents agents, Clock clock) {
        this.agents = agents;
        this.clock = clock;
    }

    /** A target plugin that has {@code agent} run {@code plugin} for {@code task}. */
    public TargetPlugin remote(String agent, PluginInfo plugin, UUID task) {
        return new RemoteTarget(this, agent, plugin, task);
    }

    // ---- the agent's side (HTTP handlers) ----

    /**
     * Records that {@code agent} is alive with {@code plugins}, then waits up to {@code hold} for
     * work or cancellations for it.
     */
    public PollReply poll(String agent, List<String> plugins, String version, Duration hold) throws InterruptedException {
        if (agent == null || agent.isBlank()) {
            throw new CairnException.InvalidInput("an agent needs a name");
        }
        Instant now = clock.instant();
        lastSeen.put(agent, now);
        agents.save(new Agent(agent, plugins, version, now));
        PollReply reply = mailbox(agent).take(hold);
        if (reply.work() != null) {
            RemoteWork taken = work.get(reply.work().uuid());
            if (taken != null) {
                taken.context().log("agent " + agent + " took the " + reply.work().op());
            }
        }
        return reply;
    }

    /** Copies a backup's data, as the agent uploads it, into the waiting task's pipeline. */
    public void receive(UUID uuid, InputStream body) throws IOException {
        RemoteWork w = openStream(uuid, "backup");
        byte[] buffer = new byte[ChunkChannel.CHUNK];
        while (true) {
            int n;
            try {
                n = body.read(buffer);
            } catch (IOException e) {
                w.data().fail(new IOException("the data stream broke: " + e.getMessage(), e));
                throw e;
            }
            if (n < 0) {
                hand(w, null);
                return;
            }
            if (n > 0) {
                hand(w, Arrays.copyOf(buffer, n));
            }
        }
    }

    /** Streams a restore's data from the waiting task's pipeline to the agent. */
    public void send(UUID uuid, OutputStream out) throws IOException {
        RemoteWork w = openStream(uuid, "restore");
        while (true) {
            byte[] chunk;
            try {
                chunk = w.data().poll(CHECK_EVERY);
            } catch (IOException e) {
                throw stoppedOr(w, e);
            }
            if (chunk == null) {
                continue;
            }
            if (ChunkChannel.isEnd(chunk)) {
                out.flush();
                return;
            }
            try {
                out.write(chunk);
            } catch (IOException e) {
                w.data().fail(new IOException("the data stream to the agent broke: " + e.getMessage(), e));
                throw e;
            }
        }
    }

    /** Records the agent's result: ok, or the one line that says why the work failed. */
    public void result(UUID uuid, boolean ok, String error) {
        find(uuid).finish(new RemoteWork.Result(ok, ok ? null : (error == null || error.isBlank() ? "no reason given" : error)));
    }

    /** Appends the plugin's log lines to the task's log, where secrets are masked as for every line. */
    public void log(UUID uuid, List<String> lines) {
        RemoteWork w = find(uuid);
        lines.forEach(line -> w.context().log("agent " + w.agent() + ": " + line));
    }

    /** Every agent known to the catalog, with its health and the work it runs here. */
    public List<AgentStatus> agents() {
        Instant now = clock.instant();
        return agents.list().stream().map(agent -> {
            Instant seen = lastSeen.getOrDefault(agent.name(), agent.lastSeen());
            int running = (int) work.values().stream().filter(w -> w.agent().equals(agent.name())).count();
            return new AgentStatus(agent.name(), agent.plugins(), agent.version(), seen, healthy(seen, now), running);
        }).toList();
    }

    private static boolean healthy(Instant seen, Instant now) {
        return seen != null && !seen.plus(HEALTHY_WITHIN).isBefore(now);
    }

    // ---- the task's side (RemoteTarget) ----

    RemoteWork submit(String agent, UUID task, String op, String plugin, Map<String, Object> endpoint, TaskContext context) {
        RemoteWork w = new RemoteWork(agent, task, op, plugin, endpoint, context, clock.instant());
        work.put(w.uuid(), w);
        mailbox(agent).post(w);
        return w;
    }

    /**
     * Throws when the work cannot go on: the task was cancelled, the agent reported a failure, or
     * the agent has not polled for {@link #HEALTHY_WITHIN}.
     */
    void check(RemoteWork w) {
        if (w.context().cancelled() || Thread.currentThread().isInterrupted()) {
            throw new CancellationException("task was stopped");
        }
        RemoteWork.Result result = w.result();
        if (result != null && !result.ok()) {
            throw new PluginException("agent " + w.agent() + ": " + result.error());
        }
        Instant now = clock.instant();
        Optional<Instant> seen = seen(w.agent());
        Instant since = seen.filter(s -> s.isAfter(w.submittedAt())).orElse(w.submittedAt());
        if (since.plus(HEALTHY_WITHIN).isBefore(now)) {
            throw new PluginException(seen.map(s -> "agent " + w.agent() + " disappeared: last seen " + s + " ("
                            + Duration.between(s, now).toSeconds() + " s ago)")
                    .orElse("agent " + w.agent() + " is not connected: it has never polled this core"));
        }
    }

    /** The next chunk of a backup's data (an empty array at its end), checking the work every second while none comes. */
    byte[] nextChunk(RemoteWork w) throws IOException {
        while (true) {
            byte[] chunk;
            try {
                chunk = w.data().poll(CHECK_EVERY);
            } catch (IOException e) {
                throw explain(w, e);
            }
            if (chunk != null) {
                return chunk;
            }
            check(w);
        }
    }

    /**
     * Hands a chunk of a restore's data (null: the end) to the agent's download, checking the work
     * every second while there is no room; false when the agent already reported success and
     * needs no more.
     */
    boolean pass(RemoteWork w, byte[] chunk) throws IOException {
        while (true) {
            RemoteWork.Result result = w.result();
            if (result != null && result.ok()) {
                return false;
            }
            try {
                if (chunk == null ? w.data().offerEnd(CHECK_EVERY) : w.data().offer(chunk, CHECK_EVERY)) {
                    return true;
                }
            } catch (IOException e) {
                throw explain(w, e);
            }
            check(w);
        }
    }

    /** Waits for the agent's result; returns when it is ok, throws its error otherwise. */
    void awaitResult(RemoteWork w) throws IOException {
        while (true) {
            RemoteWork.Result result;
            try {
                result = w.awaitResult(CHECK_EVERY);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CancellationException("task was stopped");
            }
            if (result != null && result.ok()) {
                return;
            }
            check(w);
        }
    }

    /**
     * Ends the work on this server. When it did not end with a result, the agent is told to stop it
     * at its next poll (or it is taken back if the agent never took it), and its data request ends.
     */
    void release(RemoteWork w, Throwable failure) {
        work.remove(w.uuid());
        if (failure == null && w.result() != null) {
            return;
        }
        w.stop(failure == null ? "ended" : String.valueOf(failure.getMessage()));
        if (!mailbox(w.agent()).withdraw(w) && w.dispatched() && w.result() == null) {
            mailbox(w.agent()).cancel(w.uuid());
        }
    }

    /** A broken data stream, explained by the agent's result when it sends one soon, else by the break itself. */
    private RuntimeException explain(RemoteWork w, IOException broken) {
        try {
            RemoteWork.Result result = w.awaitResult(RESULT_GRACE);
            if (result != null && !result.ok()) {
                return new PluginException("agent " + w.agent() + ": " + result.error());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        check(w);
        return new PluginException("agent " + w.agent() + ": " + broken.getMessage());
    }

    private Optional<Instant> seen(String agent) {
        Instant seen = lastSeen.get(agent);
        return seen != null ? Optional.of(seen) : agents.find(agent).map(Agent::lastSeen);
    }

    private AgentMailbox mailbox(String agent) {
        return mailboxes.computeIfAbsent(agent, name -> new AgentMailbox());
    }

    private RemoteWork find(UUID uuid) {
        RemoteWork w = work.get(uuid);
        if (w == null) {
            throw new CairnException.NotFound("agent work", uuid);
        }
        return w;
    }

    private RemoteWork openStream(UUID uuid, String op) {
        RemoteWork w = find(uuid);
        if (!w.order().op().equals(op)) {
            throw new CairnException.Conflict("work " + uuid + " is a " + w.order().op() + ", not a " + op);
        }
        if (!w.dispatched() || !w.openStream()) {
            throw new CairnException.Conflict("the data of work " + uuid + " is already being streamed");
        }
        return w;
    }

    private void hand(RemoteWork w, byte[] chunk) throws IOException {
        try {
            while (!(chunk == null ? w.data().offerEnd(CHECK_EVERY) : w.data().offer(chunk, CHECK_EVERY))) {
                if (w.stopped() != null) {
                    throw new CairnException.Conflict("work " + w.uuid() + " was stopped: " + w.stopped());
                }
            }
        } catch (IOException e) {
            throw stoppedOr(w, e);
        }
    }

    private static RuntimeException stoppedOr(RemoteWork w, IOException e) {
        return new CairnException.Conflict("work " + w.uuid() + " was stopped: "
                + (w.stopped() != null ? w.stopped() : e.getMessage()));
    }
}
