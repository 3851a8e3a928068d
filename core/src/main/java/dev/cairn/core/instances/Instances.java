package dev.cairn.core.instances;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.catalog.TeamScope;
import dev.cairn.plugin.Engine;
import dev.cairn.plugin.EngineAccess;
import dev.cairn.plugin.EngineHome;
import dev.cairn.plugin.PluginException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Instances: a clone of a ready image under {@code <data>/instances/ID}, started on a port of the
 * pool with a role and password of its own, until its time to live runs out ({@link #sweep}). Reset
 * puts it back to its image's state on the same port with the same password; delete stops it and
 * removes it whole. A restarted server adopts its instances that still answer, restarts those that
 * do not, and destroys (saying why) those it cannot bring back ({@link #recover}).
 *
 * <p>An instance asked for before its image is built waits ({@code pending}) and starts when the image
 * is ready, or is destroyed when it fails.
 */
public final class Instances implements Images.Listener {
    private static final Logger LOG = LoggerFactory.getLogger(Instances.class);
    /** The role every instance's developer signs in as (each instance has its own password). */
    public static final String USER = "developer";

    private final InstanceCatalog rows;
    private final Images images;
    private final Engines engines;
    private final EngineDisk disk;
    private final Clock clock;
    private final Map<Long, Object> locks = new ConcurrentHashMap<>();
    /** When each running instance of this server last had a client, as the sweeps saw it (from this server's start). */
    private final Map<Long, Instant> lastClient = new ConcurrentHashMap<>();
    private final Access access;

    Instances(InstanceCatalog rows, Images images, Engines engines, EngineDisk disk, Access access, Clock clock) {
        this.access = access;
        this.rows = rows;
        this.images = images;
        this.engines = engines;
        this.disk = disk;
        this.clock = clock;
        images.listen(this);
    }

    public Optional<Instance> find(long id) {
        return rows.find(id);
    }

    public Instance get(long id) {
        return rows.get(id);
    }

    public List<Instance> list(TeamScope scope) {
        return rows.list(scope);
    }

    /** The instances of image {@code image} that are not destroyed. */
    public List<Instance> ofImage(long image) {
        return rows.ofImage(image);
    }

    public InstanceSettings settings() {
        return disk.settings();
    }

    /** The time to live {@code ttl} asks for (null: the default), refused beyond the maximum. */
    public Duration ttl(Duration ttl) {
        InstanceSettings s = disk.settings();
        Duration asked = ttl == null ? s.defaultTtl() : ttl;
        if (!asked.isPositive()) {
            throw new CairnException.InvalidInput("ttl must be positive, got " + asked.toSeconds() + " s");
        }
        if (asked.compareTo(s.maximumTtl()) > 0) {
            throw new CairnException.InvalidInput("ttl must be at most " + s.maximumTtl().toHours() + " h (instance_max_ttl), got "
                    + asked.toSeconds() + " s");
        }
        return asked;
    }

    /**
     * Makes an instance of {@code image} for {@code owner}, living {@code ttl} (null: the default): a ready
     * image's is cloned and started before this returns; a building image's waits for it. A failed image,
     * or one on another server, is a conflict.
     */
    public Instance create(Image image, UUID owner, String ownerName, Duration ttl) {
        Duration life = ttl(ttl);
        Engine engine = engines.of(image.plugin(), "image " + image.id());
        if (image.state() == Image.State.FAILED) {
            throw new CairnException.Conflict("image " + image.id() + " failed (" + image.error() + "); no instance can be made of it");
        }
        if (image.ready() && !images.here(image)) {
            throw new CairnException.Conflict("image " + image.id() + " is on server " + image.server()
                    + "; make its instances there");
        }
        Instant now = clock.instant();
        Instance.State state = image.ready() ? Instance.State.STARTING : Instance.State.PENDING;
        Instance made = rows.insert(new Instance(0, UUID.randomUUID(), image.id(), image.team(), owner, ownerName,
                disk.server(), disk.settings().host(), 0, USER, Passwords.generate(), image.defaultDatabase(), state,
                image.ready() ? "" : "waiting for image " + image.id() + " to be built", "", false, now, now, now.plus(life)));
        try {
            disk.takeInstancePort(made.id());
        } catch (RuntimeException e) {
            rows.delete(made.id());
            throw e;
        }
        Instance withPort = rows.get(made.id());
        if (image.ready()) {
            start(withPort, image, engine);
        } else {
            // the image may have become ready between reading it and saving this instance
            images.find(image.id()).filter(Image::ready).ifPresent(this::built);
        }
        return rows.get(made.id());
    }

    /** Clones and starts {@code instance}; on failure removes what it made and leaves it destroyed, then throws. */
    private void start(Instance instance, Image image, Engine engine) {
        synchronized (lock(instance.id())) {
            Path directory = disk.instanceDirectory(instance.id());
            EngineHome home = disk.home(directory, instance.port());
            EngineLog log = log(instance);
            try {
                rows.state(instance.id(), Instance.State.STARTING, "", clock.instant());
                var backend = disk.backend();
                long started = System.nanoTime();
                disk.cloneImage(image.id(), directory);
                if (!backend.copyOnWrite()) {
                    log.log("cloned image " + image.id() + " with a plain copy: slow and full-size, as this file system "
                            + "has no copy-on-write");
                }
                engine.start(home, log);
                List<String> databases = engine.grant(home, new EngineAccess(instance.user(), instance.password()), log);
                String database = databases.isEmpty() ? image.defaultDatabase() : databases.getFirst();
                rows.running(instance.id(), database, backend.name(), backend.copyOnWrite(), clock.instant());
                LOG.info("instance {} of image {} runs on {}:{} ({} ms, clone backend {})", instance.id(), image.id(),
                        home.host(), home.port(), (System.nanoTime() - started) / 1_000_000, backend.name());
            } catch (IOException | RuntimeException e) {
                String why = "could not be started: " + e.getMessage();
                takeDown(instance, engine, why);
                throw failure(instance, why, e);
            }
        }
    }

    /** What a failed start or reset throws: Cairn's and a plugin's own failures as they are, anything else as a failure. */
    private static RuntimeException failure(Instance instance, String why, Exception e) {
        if (e instanceof CairnException || e instanceof PluginException) {
            return (RuntimeException) e;
        }
        return new CairnException.Failure("instance " + instance.id() + " " + why, e);
    }

    /** Starts the instances waiting for {@code image}, now that it is ready. */
    @Override
    public void built(Image image) {
        Engine engine = engines.find(image.plugin()).orElse(null);
        for (Instance waiting : rows.ofImage(image.id())) {
            if (waiting.state() == Instance.State.PENDING && engine != null && waiting.server().equals(disk.server())) {
                try {
                    start(waiting, image, engine);
                } catch (RuntimeException e) {
                    LOG.warn("instance {} of image {}: {}", waiting.id(), image.id(), e.getMessage());
                }
            }
        }
    }

    /** Destroys the instances waiting for {@code image}, which failed. */
    @Override
    public void failed(Image image, String why) {
        for (Instance waiting : rows.ofImage(image.id())) {
            if (waiting.state() == Instance.State.PENDING) {
                disk.freeInstancePort(waiting);
                rows.state(waiting.id(), Instance.State.DESTROYED, "its image " + image.id() + " failed: " + why, clock.instant());
            }
        }
    }

    /** Sets {@code instance} to expire {@code ttl} from now (at most the maximum). */
    public Instance extend(Instance instance, Duration ttl) {
        if (instance.state() == Instance.State.DESTROYED) {
            throw new CairnException.Conflict("instance " + instance.id() + " was destroyed (" + instance.reason() + ")");
        }
        rows.expiresAt(instance.id(), clock.instant().plus(ttl(ttl)), clock.instant());
        return rows.get(instance.id());
    }

    /** Puts {@code instance} back to its image's state: stopped, cloned again, started on its port with its password. */
    public Instance reset(Instance instance) {
        if (instance.state() != Instance.State.RUNNING) {
            throw new CairnException.Conflict("instance " + instance.id() + " is " + instance.state().wire()
                    + "; only a running instance can be reset");
        }
        Image image = images.get(instance.image());
        Engine engine = engines.of(image.plugin(), "image " + image.id());
        synchronized (lock(instance.id())) {
            rows.state(instance.id(), Instance.State.RESETTING, "", clock.instant());
            Path directory = disk.instanceDirectory(instance.id());
            EngineHome home = disk.home(directory, instance.port());
            EngineLog log = log(instance);
            try {
                engine.stop(home, log);
                disk.cloneImage(image.id(), directory);
                engine.start(home, log);
                engine.grant(home, new EngineAccess(instance.user(), instance.password()), log);
                rows.state(instance.id(), Instance.State.RUNNING, "", clock.instant());
                LOG.info("instance {} reset to image {}", instance.id(), image.id());
            } catch (IOException | RuntimeException e) {
                String why = "could not be reset: " + e.getMessage();
                takeDown(instance, engine, why);
                throw failure(instance, why, e);
            }
        }
        return rows.get(instance.id());
    }

    /** Stops {@code instance}, removes its directory, frees its port and forgets it. */
    public void delete(Instance instance) {
        remove(instance);
        rows.delete(instance.id());
        LOG.info("instance {} deleted", instance.id());
    }

    /** Stops {@code instance} and removes its directory and port, leaving its row as it is. */
    void remove(Instance instance) {
        if (!instance.server().equals(disk.server()) && instance.state().live()) {
            throw new CairnException.Conflict("instance " + instance.id() + " runs on server " + instance.server()
                    + "; delete it there");
        }
        synchronized (lock(instance.id())) {
            Engine engine = images.find(instance.image()).flatMap(i -> engines.find(i.plugin())).orElse(null);
            Path directory = disk.instanceDirectory(instance.id());
            if (engine != null && Files.exists(directory)) {
                disk.stopQuietly(engine, disk.home(directory, Math.max(1, instance.port())), "instance " + instance.id());
            }
            if (Files.exists(directory)) {
                disk.remove(directory);
            }
            disk.freeInstancePort(instance);
        }
        locks.remove(instance.id());
    }

    /** Stops and removes what {@code instance} has, and leaves it destroyed saying {@code why}. */
    private void takeDown(Instance instance, Engine engine, String why) {
        try {
            Path directory = disk.instanceDirectory(instance.id());
            if (Files.exists(directory)) {
                disk.stopQuietly(engine, disk.home(directory, instance.port()), "instance " + instance.id());
                disk.remove(directory);
            }
        } catch (RuntimeException e) {
            LOG.warn("instance {}: cannot remove its directory: {}", instance.id(), e.getMessage());
        } finally {
            disk.freeInstancePort(instance);
            rows.state(instance.id(), Instance.State.DESTROYED, why, clock.instant());
        }
        LOG.warn("instance {} destroyed: {}", instance.id(), why);
    }

    /** Writes the audit row of a destroy nobody asked for (an expiry, a restart that could not bring it back). */
    private void audit(Instance instance, String why) {
        if (access != null) {
            access.record(null, "instance.destroy", new AuditObject("instance", instance.uuid(), "instance " + instance.id()
                    + " of image " + instance.image(), instance.team()), AuditEntry.Outcome.OK, why);
        }
    }

    /**
     * Destroys this server's instances whose time to live has passed at {@code now}, and those that have
     * had no client connected for longer than the idle timeout (each sweep samples the clients; an
     * instance is idle from the first sweep that finds none, or from this server's start); returns how many.
     */
    public int sweep(Instant now) {
        int destroyed = 0;
        for (Instance instance : rows.expired(disk.server(), now)) {
            Engine engine = images.find(instance.image()).flatMap(i -> engines.find(i.plugin())).orElse(null);
            try {
                destroyUnasked(instance, engine, "expired at " + instance.expiresAt());
                lastClient.remove(instance.id());
                destroyed++;
            } catch (RuntimeException e) {
                LOG.warn("instance {} expired, but could not be destroyed: {}", instance.id(), e.getMessage());
            }
        }
        Duration idle = disk.settings().idleTimeout();
        if (idle.isZero()) {
            return destroyed;
        }
        for (Instance instance : rows.onServer(disk.server())) {
            if (instance.state() != Instance.State.RUNNING) {
                lastClient.remove(instance.id());
                continue;
            }
            Engine engine = images.find(instance.image()).flatMap(i -> engines.find(i.plugin())).orElse(null);
            if (engine != null && idleSince(instance, engine, now).plus(idle).isBefore(now)) {
                try {
                    destroyUnasked(instance, engine, "idle: no client connected for more than " + idle.toMinutes()
                            + " min (instance_idle)");
                    lastClient.remove(instance.id());
                    destroyed++;
                } catch (RuntimeException e) {
                    LOG.warn("instance {} is idle, but could not be destroyed: {}", instance.id(), e.getMessage());
                }
            }
        }
        return destroyed;
    }

    /** When {@code instance} last had a client: {@code now} when it has one (or the engine cannot tell). */
    private Instant idleSince(Instance instance, Engine engine, Instant now) {
        int clients;
        try {
            clients = engine.clients(disk.home(disk.instanceDirectory(instance.id()), instance.port()), log(instance));
        } catch (IOException | RuntimeException e) {
            LOG.debug("instance {}: cannot count its clients: {}", instance.id(), e.getMessage());
            clients = -1;
        }
        if (clients != 0) {
            lastClient.put(instance.id(), now);
            return now;
        }
        return lastClient.computeIfAbsent(instance.id(), id -> now);
    }

    /**
     * At start: each instance of this server in the catalog is adopted when its data system answers,
     * else started again on its port, else destroyed saying why; waiting ones whose image is ready are
     * started; then directories and ports nothing owns are removed.
     */
    void recover() {
        List<Long> keep = new ArrayList<>();
        List<Instance> waiting = new ArrayList<>();
        for (Instance instance : rows.onServer(disk.server())) {
            Optional<Image> image = images.find(instance.image());
            Engine engine = image.flatMap(i -> engines.find(i.plugin())).orElse(null);
            if (instance.state() == Instance.State.PENDING) {
                if (image.isEmpty() || image.get().state() == Image.State.FAILED) {
                    destroyUnasked(instance, null, "its image " + instance.image() + " failed or is gone");
                } else if (image.get().ready()) {
                    waiting.add(instance);
                }
                continue;
            }
            if (engine == null) {
                destroyUnasked(instance, null, "the server restarted and has no engine for its image any more");
                continue;
            }
            Path directory = disk.instanceDirectory(instance.id());
            EngineHome home = disk.home(directory, Math.max(1, instance.port()));
            if (instance.port() > 0 && Files.isDirectory(directory) && engine.running(home)) {
                rows.state(instance.id(), Instance.State.RUNNING, "", clock.instant());
                keep.add(instance.id());
                LOG.info("instance {} still answers on port {}: adopted", instance.id(), instance.port());
                continue;
            }
            if (instance.state() == Instance.State.RUNNING && !Files.isDirectory(directory)) {
                destroyUnasked(instance, engine, "the server restarted and found its files gone");
                continue;
            }
            if (instance.port() <= 0 || !rows.holdsPort(instance.id()) || !images.here(image.get())) {
                destroyUnasked(instance, engine, "the server restarted while it was " + instance.state().wire()
                        + ", and it could not be brought back: its port or its image is gone");
                continue;
            }
            try {
                EngineLog log = log(instance);
                if (instance.state() != Instance.State.RUNNING) {
                    // a clone or reset cut short by the crash: clone it again
                    disk.cloneImage(instance.image(), directory);
                }
                engine.start(home, log);
                engine.grant(home, new EngineAccess(instance.user(), instance.password()), log);
                rows.state(instance.id(), Instance.State.RUNNING, "restarted on port " + instance.port()
                        + " after the server restarted", clock.instant());
                keep.add(instance.id());
                LOG.info("instance {} did not answer after the restart; started it again on port {}", instance.id(),
                        instance.port());
            } catch (IOException | RuntimeException e) {
                destroyUnasked(instance, engine, "the server restarted and could not start it again: " + e.getMessage());
            }
        }
        disk.removeInstancesOtherThan(keep, engines.all());
        disk.freePortsNobodyHolds(rows, images);
        for (Instance instance : waiting) {
            Thread.ofVirtual().name("instance-start-" + instance.id()).start(() -> built(images.get(instance.image())));
        }
    }

    /** Destroys {@code instance} saying {@code why}, with the audit row of a destroy nobody asked for. */
    private void destroyUnasked(Instance instance, Engine engine, String why) {
        if (engine == null) {
            takeDownWithoutEngine(instance, why);
        } else {
            takeDown(instance, engine, why);
        }
        audit(instance, why);
    }

    private void takeDownWithoutEngine(Instance instance, String why) {
        Path directory = disk.instanceDirectory(instance.id());
        if (Files.exists(directory)) {
            disk.remove(directory);
        }
        disk.freeInstancePort(instance);
        rows.state(instance.id(), Instance.State.DESTROYED, why, clock.instant());
        LOG.warn("instance {} destroyed: {}", instance.id(), why);
    }

    /** Bytes instance {@code instance} holds that it does not share with its image. */
    public long ownBytes(Instance instance) {
        Path directory = disk.instanceDirectory(instance.id());
        if (!instance.state().live() || !Files.isDirectory(directory)) {
            return 0;
        }
        try {
            return disk.backend().exclusiveBytes(directory);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private EngineLog log(Instance instance) {
        return new EngineLog("instance " + instance.id(), disk.privateDirectory(), instance.password());
    }

    private Object lock(long id) {
        return locks.computeIfAbsent(id, key -> new Object());
    }
}
