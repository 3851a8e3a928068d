package dev.cairn.core.instances;

import dev.cairn.core.CairnException;
import dev.cairn.core.DataDirectory;
import dev.cairn.plugin.Engine;
import dev.cairn.plugin.EngineAccess;
import dev.cairn.plugin.EngineHome;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Throw-away engines a sanitise task loads an archive into and reads back from: a fresh data system
 * under {@code <data>/scratch/TASK}, on a pool port of the build host (127.0.0.1), loaded with the
 * archive (fsync off, as every engine load), and a role that may sign in over TCP with every right
 * on it. {@link #use} removes it whatever happens (its process stopped, its directory deleted, its
 * port given back); {@link #remove} does the same for a task whose thread did not get to.
 */
public final class ScratchEngines {
    private static final Logger LOG = LoggerFactory.getLogger(ScratchEngines.class);
    private final EngineDisk disk;
    private final Engines engines;

    ScratchEngines(EngineDisk disk, Engines engines) {
        this.disk = disk;
        this.engines = engines;
    }

    /** A running scratch engine: where it listens, who may sign in, and the databases the archive brought. */
    public record Scratch(Engine engine, EngineHome home, EngineAccess access, List<String> databases) {
    }

    /** What is done with a running scratch engine. */
    @FunctionalInterface
    public interface Use<T> {
        T with(Scratch scratch) throws Exception;
    }

    /**
     * Turns the archive's schema, loaded in a probe database of a running scratch engine ({@code
     * schema}'s only database), into the filter its data loads through.
     */
    @FunctionalInterface
    public interface Rewrite {
        Engine.DataFilter plan(Scratch schema) throws Exception;
    }

    /** Whether {@code plugin}'s engine can rewrite an archive's data as it loads ({@link Engine#rewritesData}). */
    public boolean rewritesData(String plugin) {
        return engines.find(plugin).map(Engine::rewritesData).orElse(false);
    }

    /** Whether there is an engine for {@code plugin}'s archives. */
    public boolean supports(String plugin) {
        return engines.find(plugin).isPresent();
    }

    /**
     * Starts a scratch engine for task {@code task} of {@code plugin}, loads {@code source} into it,
     * hands it to {@code use} and removes it, also when any step fails or the task is cancelled.
     */
    public <T> T use(String plugin, UUID task, TaskContext context, Images.RawSource source, Use<T> use) throws Exception {
        return use(plugin, task, context, source, null, use);
    }

    /**
     * As {@link #use(String, UUID, TaskContext, Images.RawSource, Use)}, with the data rewritten by
     * {@code rewrite}'s filter as it loads (when not null; the engine must {@link #rewritesData}).
     */
    public <T> T use(String plugin, UUID task, TaskContext context, Images.RawSource source, Rewrite rewrite, Use<T> use)
            throws Exception {
        Engine engine = engines.of(plugin, "a " + plugin + " archive");
        long holder = EngineDisk.scratchHolder(task);
        Path directory = directory(task);
        try {
            ensureRoot();
            if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
                disk.remove(directory);
            }
            disk.prepareImageDirectory(directory);
            int port = disk.takeScratchPort(holder);
            EngineHome home = disk.buildHome(directory, port);
            context.log("starting a scratch " + plugin + " data system in " + directory + " on port " + port);
            engine.initialise(home, context);
            cancelled(context);
            engine.start(home, context);
            EngineAccess access = EngineSanitising.access();
            if (rewrite == null) {
                context.log("loading the archive into it");
                try (InputStream raw = source.open()) {
                    engine.load(home, raw, context);
                }
            } else {
                context.log("loading the archive into it, its data rewritten as it streams in");
                engine.load(home, source::open, probe -> {
                    cancelled(context);
                    EngineSanitising.grant(engine, home, access, plugin, context);
                    try {
                        return rewrite.plan(new Scratch(engine, home, access, List.of(probe)));
                    } catch (IOException | RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new PluginException(e.getMessage(), e);
                    }
                }, context);
            }
            cancelled(context);
            List<String> databases = EngineSanitising.grant(engine, home, access, plugin, context);
            cancelled(context);
            return use.with(new Scratch(engine, home, access, databases));
        } finally {
            String removed = remove(plugin, task);
            if (removed != null) {
                context.log(removed);
            }
        }
    }

    /**
     * Stops and removes task {@code task}'s scratch engine and gives its port back; returns the line
     * that says so, or null when there was none.
     */
    public String remove(String plugin, UUID task) {
        long holder = EngineDisk.scratchHolder(task);
        Path directory = directory(task);
        boolean there = Files.exists(directory, LinkOption.NOFOLLOW_LINKS);
        if (there) {
            int port = disk.settings().firstPort();
            for (Engine engine : plugin == null ? List.copyOf(engines.all()) : engines.find(plugin).stream().toList()) {
                disk.stopQuietly(engine, disk.buildHome(directory, port), "scratch engine of task " + task);
            }
            disk.remove(directory);
        }
        disk.freeHolder(holder);
        return there ? "removed the scratch data system " + directory + " and freed its port" : null;
    }

    /** At start: removes every scratch engine a crash left, and frees their ports. */
    void recover() {
        Path root = disk.scratchRoot();
        if (Files.isDirectory(root)) {
            try (var entries = Files.list(root)) {
                for (Path entry : entries.toList()) {
                    for (Engine engine : engines.all()) {
                        disk.stopQuietly(engine, disk.buildHome(entry, disk.settings().firstPort()), "scratch leftover");
                    }
                    disk.remove(entry);
                    LOG.warn("removed scratch directory {}: a crash left it", entry);
                }
            } catch (IOException | RuntimeException e) {
                LOG.warn("cannot remove what a crash left in {}: {}", root, e.getMessage());
            }
        }
        disk.scratchHolders().forEach(disk::freeHolder);
    }

    /** {@code <data>/scratch/XXXXXXXXXXXX}: short, since a PostgreSQL socket path must be. */
    Path directory(UUID task) {
        return disk.scratchRoot().resolve(task.toString().replace("-", "").substring(0, 12));
    }

    private void ensureRoot() {
        disk.ensureRoots();
        try {
            Files.createDirectories(disk.scratchRoot());
            if (EngineAccount.of(disk.settings().account()).other()) {
                DataDirectory.letThrough(disk.scratchRoot());
            }
        } catch (IOException e) {
            throw new CairnException.Failure("cannot create " + disk.scratchRoot() + ": " + e.getMessage(), e);
        }
    }

    private static void cancelled(TaskContext context) {
        if (context.cancelled()) {
            throw new PluginException("the sanitise task was cancelled");
        }
    }
}
