package dev.cairn.agent;

import dev.cairn.plugin.PrivateDirectory;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code cairn agent}: polls the core for work, runs each piece on its own thread through a local
 * plugin, and stops work the core cancels. When the core cannot be reached it tries again with a
 * growing pause (up to 30 s); it says what it does in one-line messages, and never shows the token
 * or an endpoint's secrets.
 */
public final class Agent implements AutoCloseable {
    /** This build's version, announced to the core. */
    public static final String VERSION = version();
    private static final Duration FIRST_RETRY = Duration.ofSeconds(1);
    private static final Duration LAST_RETRY = Duration.ofSeconds(30);

    private final AgentSettings settings;
    private final LocalPlugins plugins;
    private final CoreClient core;
    private final Path privateDirectory;
    private final Consumer<String> say;
    private final Map<UUID, AgentJob> running = new ConcurrentHashMap<>();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile Thread loop;

    private Agent(AgentSettings settings, LocalPlugins plugins, Path privateDirectory, Consumer<String> say) {
        this.settings = settings;
        this.plugins = plugins;
        this.core = new CoreClient(settings.core(), settings.token());
        this.privateDirectory = privateDirectory;
        this.say = line -> say.accept("agent " + settings.name() + ": " + line);
    }

    /**
     * An agent with the plugins on this class path and in the settings' plugins directory; {@code say}
     * takes its messages. Its private directory is created 0700 and emptied of what a killed agent left.
     *
     * @throws dev.cairn.plugin.PluginException when the private directory cannot be prepared
     */
    public static Agent create(AgentSettings settings, Consumer<String> say) {
        Consumer<String> warnings = line -> say.accept("agent " + settings.name() + ": plugins: " + line);
        PrivateDirectory prepared = PrivateDirectory.prepare(settings.privateDir());
        if (!prepared.leftovers().isEmpty()) {
            say.accept("agent " + settings.name() + ": removed " + prepared.leftovers().size() + " file(s) stopped work left in "
                    + prepared.path() + ": " + String.join(", ", prepared.leftovers()));
        }
        return new Agent(settings, LocalPlugins.load(Agent.class.getClassLoader(), settings.pluginsDir(), warnings),
                prepared.path(), say);
    }

    /**
     * Polls the core until {@link #close} is called or the core refuses the token; returns 0, or 1
     * when the token was refused.
     */
    public int run() {
        loop = Thread.currentThread();
        say.accept("connecting to " + settings.core() + " with plugins " + String.join(", ", plugins.names()));
        Duration retry = FIRST_RETRY;
        boolean connected = false;
        while (stopped.getCount() > 0) {
            try {
                CoreClient.Poll poll = core.poll(settings.name(), plugins.names(), VERSION);
                if (!connected) {
                    say.accept("connected to " + settings.core());
                    connected = true;
                }
                retry = FIRST_RETRY;
                poll.cancel().forEach(uuid -> {
                    AgentJob job = running.get(uuid);
                    if (job != null) {
                        job.cancel();
                    }
                });
                if (poll.work() != null) {
                    start(poll.work());
                }
            } catch (CoreRefusal e) {
                if (e.status() == 401) {
                    say.accept("the core refused the token: " + e.getMessage());
                    return 1;
                }
                connected = false;
                retry = pause(e, retry);
            } catch (IOException e) {
                connected = false;
                retry = pause(e, retry);
            } catch (InterruptedException e) {
                break;
            }
        }
        return 0;
    }

    private void start(Assignment assignment) {
        AgentJob job = new AgentJob(assignment, plugins, core, privateDirectory, say);
        running.put(assignment.uuid(), job);
        Thread.ofPlatform().name("work-" + assignment.uuid()).start(() -> {
            try {
                job.run();
            } finally {
                running.remove(assignment.uuid());
            }
        });
    }

    private Duration pause(IOException e, Duration retry) {
        if (stopped.getCount() == 0) {
            return retry;
        }
        String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        say.accept("cannot reach the core at " + settings.core() + " (" + why + "); trying again in " + retry.toSeconds() + " s");
        try {
            stopped.await(retry.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
        }
        Duration next = retry.multipliedBy(2);
        return next.compareTo(LAST_RETRY) > 0 ? LAST_RETRY : next;
    }

    /** How many pieces of work run now. */
    public int running() {
        return running.size();
    }

    /** Stops polling and cancels the work that runs; the core fails that work's tasks. */
    @Override
    public void close() {
        stopped.countDown();
        Thread thread = loop;
        if (thread != null) {
            thread.interrupt();
        }
        running.values().forEach(AgentJob::cancel);
        core.close();
    }

    private static String version() {
        String v = Agent.class.getPackage().getImplementationVersion();
        return v == null ? "0.1.0-SNAPSHOT" : v;
    }
}
