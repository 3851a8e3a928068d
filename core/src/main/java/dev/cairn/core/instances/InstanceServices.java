package dev.cairn.core.instances;

import dev.cairn.core.access.Access;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.instances.clone.CloneBackend;
import dev.cairn.core.keys.SecretBox;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.core.sanitise.SanitiseRules;
import dev.cairn.core.task.TaskRequests;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images and instances of one server wired together, with the sweeper that destroys expired
 * instances. Each server sweeps its own instances, since only it can stop their processes.
 */
public final class InstanceServices implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(InstanceServices.class);
    private final Engines engines;
    private final Images images;
    private final Instances instances;
    private final ScratchEngines scratch;
    private final Clock clock;
    private final InstanceSettings settings;
    private ScheduledExecutorService sweeper;

    /**
     * @param access  where destroys nobody asked for (expiry, restart) are audited
     * @param chooser picks the clone backend for the images directory it is given (the best its file system can do)
     */
    public InstanceServices(Jdbi jdbi, SecretBox secrets, Repositories catalog, PluginRegistry plugins, Engines engines,
                            TaskRequests requests, Access access, Where where, InstanceSettings settings,
                            Function<Path, CloneBackend> chooser, SanitiseRules rules, Clock clock) {
        this.engines = engines;
        ImageCatalog imageRows = new ImageCatalog(jdbi);
        InstanceCatalog instanceRows = new InstanceCatalog(jdbi, secrets);
        EngineDisk disk = new EngineDisk(where.data(), where.server(), settings, instanceRows, chooser, where.privateDirectory());
        this.images = new Images(imageRows, instanceRows, catalog, plugins, engines, disk, requests, rules, clock);
        this.instances = new Instances(instanceRows, images, engines, disk, access, clock);
        this.scratch = new ScratchEngines(disk, engines);
        this.clock = clock;
        this.settings = settings;
    }

    /** This server's data directory, its name among servers sharing the catalog, and its private directory. */
    public record Where(Path data, String server, Path privateDirectory) {
    }

    /** The engines this server runs archives with, by target plugin. */
    public Engines engines() {
        return engines;
    }

    public Images images() {
        return images;
    }

    public Instances instances() {
        return instances;
    }

    /** The throw-away engines sanitise tasks make variants in. */
    public ScratchEngines scratch() {
        return scratch;
    }

    /**
     * At start, before tasks run: removes what a crash left of image builds, then adopts, restarts or
     * destroys this server's instances.
     */
    public void recover() {
        try {
            images.recover();
            scratch.recover();
            instances.recover();
        } catch (RuntimeException e) {
            LOG.error("instances: recovery after the restart failed: {}", e.getMessage(), e);
        }
    }

    /** Starts destroying expired instances every {@link InstanceSettings#sweepEvery()}, by the injected clock's time. */
    public void startSweeping() {
        sweeper = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("instance-sweeper").factory());
        long every = settings.sweepEvery().toMillis();
        sweeper.scheduleWithFixedDelay(() -> {
            try {
                int destroyed = instances.sweep(clock.instant());
                if (destroyed > 0) {
                    LOG.info("instances: destroyed {} expired instance(s)", destroyed);
                }
            } catch (RuntimeException e) {
                LOG.warn("instances: sweep failed: {}", e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
    }
}
