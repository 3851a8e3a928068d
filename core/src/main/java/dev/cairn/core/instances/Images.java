package dev.cairn.core.instances;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Names;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TeamScope;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.core.sanitise.RulesVersion;
import dev.cairn.core.sanitise.SanitiseRules;
import dev.cairn.core.task.TaskRequests;
import dev.cairn.plugin.Engine;
import dev.cairn.plugin.EngineAccess;
import dev.cairn.plugin.EngineHome;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Images: asking for one queues an {@code image} task, whose run ({@link #build}) loads the archive
 * into a fresh data system under {@code <data>/images/ID}, runs the anonymisation script, compacts
 * the files so that no row versions from before it are left, stops the data system cleanly and seals
 * the directory read-only. A run that fails or is cancelled leaves no directory, no process and no
 * port ({@link #discard}).
 */
public final class Images {
    private static final Logger LOG = LoggerFactory.getLogger(Images.class);
    /** The longest anonymisation script taken (1 MiB). */
    static final int MAX_SCRIPT = 1 << 20;
    /** The role an image's own load is granted to; instances replace its password with their own. */
    static final String IMAGE_ROLE = "cairn";

    private final ImageCatalog rows;
    private final SanitiseRules rules;
    private final InstanceCatalog instanceRows;
    private final Repositories catalog;
    private final PluginRegistry plugins;
    private final Engines engines;
    private final EngineDisk disk;
    private final TaskRequests requests;
    private final Clock clock;
    private volatile Listener listener = Listener.NONE;

    /** What is told when an image is built or fails (the instances waiting for it). */
    interface Listener {
        Listener NONE = new Listener() {
            @Override
            public void built(Image image) {
            }

            @Override
            public void failed(Image image, String why) {
            }
        };

        void built(Image image);

        void failed(Image image, String why);
    }

    Images(ImageCatalog rows, InstanceCatalog instanceRows, Repositories catalog, PluginRegistry plugins, Engines engines,
           EngineDisk disk, TaskRequests requests, SanitiseRules rules, Clock clock) {
        this.rules = rules;
        this.rows = rows;
        this.instanceRows = instanceRows;
        this.catalog = catalog;
        this.plugins = plugins;
        this.engines = engines;
        this.disk = disk;
        this.requests = requests;
        this.clock = clock;
    }

    void listen(Listener l) {
        this.listener = l;
    }

    /** A raw (decrypted, decompressed, checked at its end) stream of an archive, opened for a load. */
    @FunctionalInterface
    public interface RawSource {
        InputStream open() throws IOException;
    }

    /** What an image request made: the image and the task that builds it. */
    public record Requested(Image image, Task task) {
    }

    /**
     * Queues an image of {@code archive} named {@code name} ("" for its target's name and time) with
     * {@code script} run on it, for {@code owner} ({@code ownerName} as tasks name people). An archive
     * that is purged or damaged, or whose plugin has no engine, or that its engine cannot load, is a conflict.
     */
    public Requested request(Archive archive, String name, String script, UUID owner, String ownerName) {
        return request(archive, name, script, false, owner, ownerName);
    }

    /**
     * As {@link #request(Archive, String, String, UUID, String)}; with {@code sanitised}, the latest
     * sanitising rules of the archive's target (and its hash key) are applied to the image as it is
     * built, before the script, so it holds what a variant made now would. A target without rules,
     * or an archive that is itself a variant, is then a conflict.
     */
    public Requested request(Archive archive, String name, String script, boolean sanitised, UUID owner, String ownerName) {
        String what = "archive " + archive.uuid();
        if (!archive.status().stored()) {
            throw new CairnException.Conflict(what + " was purged from its store; no image can be made of it");
        }
        if (archive.status() == Archive.Status.DAMAGED) {
            throw new CairnException.Conflict(what + " is damaged; no image is made of it (a verify that succeeds "
                    + "marks it valid again)");
        }
        Engine engine = engines.of(archive.plugin(), what);
        Optional<Target> target = catalog.targets().find(archive.target());
        if (target.isPresent()) {
            Endpoint endpoint = plugins.endpoint(target.get().plugin(), target.get().endpoint());
            String refusal = engine.refuses(endpoint);
            if (!refusal.isEmpty()) {
                throw new CairnException.Conflict(what + " cannot be loaded into a " + archive.plugin() + " engine: " + refusal);
            }
        }
        int rulesVersion = 0;
        if (sanitised) {
            if (archive.isVariant()) {
                throw new CairnException.Conflict(what + " is variant '" + archive.variant() + "', already sanitised;"
                        + " make the image of it without rules");
            }
            rulesVersion = rules.latest(archive.target()).map(RulesVersion::version).orElseThrow(() ->
                    new CairnException.Conflict("target " + target.map(Target::name).orElse(archive.target().toString())
                            + " has no sanitising rules, so no sanitised image can be made (save them first)"));
        }
        String text = script == null ? "" : script;
        if (text.length() > MAX_SCRIPT) {
            throw new CairnException.InvalidInput("script must be at most " + MAX_SCRIPT + " characters, got " + text.length());
        }
        String chosen = name == null || name.isBlank()
                ? target.map(Target::name).orElse(archive.plugin()) + " " + archive.takenAt() : name.strip();
        Names.checkName("name", chosen);
        UUID taskUuid = UUID.randomUUID();
        Image image = rows.insert(new Image(0, UUID.randomUUID(), chosen, archive.team(), owner, ownerName, archive.uuid(),
                archive.target(), archive.plugin(), text, taskUuid, "", Image.State.BUILDING, "", "", 0, List.of(),
                archive.takenAt(), clock.instant(), clock.instant(), rulesVersion));
        try {
            return new Requested(image, requests.image(taskUuid, archive, ownerName));
        } catch (RuntimeException e) {
            rows.delete(image.id());
            throw e;
        }
    }

    public Optional<Image> find(long id) {
        return rows.find(id);
    }

    public Image get(long id) {
        return rows.get(id);
    }

    public List<Image> list(TeamScope scope) {
        return rows.list(scope);
    }

    /** The image task {@code task} is building. */
    public Optional<Image> ofTask(UUID task) {
        return rows.byTask(task);
    }

    /**
     * Runs image task {@code task}: see the class comment. {@code source} is opened once the
     * data system runs; it must be a stream that fails rather than ends when the archive is damaged.
     */
    public void build(Task task, TaskContext context, RawSource source) throws IOException {
        Image image = rows.byTask(task.uuid()).orElseThrow(() -> new PluginException("no image is waiting for task "
                + task.uuid() + "; it was deleted"));
        Engine engine = engines.of(image.plugin(), "archive " + image.archive());
        try {
            build(image, engine, context, source);
        } catch (IOException | RuntimeException e) {
            rows.failed(image.id(), context.cancelled() ? "its image task was cancelled" : String.valueOf(e.getMessage()),
                    clock.instant());
            throw e;
        }
    }

    private void build(Image image, Engine engine, TaskContext context, RawSource source) throws IOException {
        Path directory = disk.imageDirectory(image.id());
        var backend = disk.backend();
        rows.building(image.id(), disk.server(), backend.name(), clock.instant());
        context.log("building image " + image.id() + " ('" + image.name() + "') of archive " + image.archive() + " in "
                + directory + " with clone backend " + backend.name() + (backend.copyOnWrite() ? ""
                : " (no copy-on-write here: every instance of it will be a slow, full-size copy)"));
        disk.prepareImageDirectory(directory);
        int port = disk.takeBuildPort(image.id());
        EngineHome home = disk.buildHome(directory, port);
        context.log("initialising an empty " + image.plugin() + " data system");
        engine.initialise(home, context);
        checkNotCancelled(context);
        engine.start(home, context);
        context.log("loading archive " + image.archive() + " into it");
        try (InputStream raw = source.open()) {
            engine.load(home, raw, context);
        }
        checkNotCancelled(context);
        if (image.sanitised()) {
            sanitise(image, engine, home, context);
            checkNotCancelled(context);
        }
        if (!image.script().isBlank()) {
            context.log("running the anonymisation script (" + image.script().length() + " characters)");
            engine.runScript(home, image.script(), context);
            checkNotCancelled(context);
        }
        context.log("compacting, so that no row versions from before the script are left in the files");
        engine.compact(home, context);
        List<String> databases = engine.grant(home, new EngineAccess(IMAGE_ROLE, Passwords.generate()), context);
        if (image.sanitised()) {
            EngineSanitising.dropRole(engine, home, image.plugin(), context);
        }
        context.log("stopping it cleanly");
        engine.stop(home, context);
        disk.freeBuildPort(image.id(), port);
        backend.seal(directory);
        long size = EngineDisk.size(directory);
        rows.ready(image.id(), size, databases, clock.instant());
        context.log("image " + image.id() + " is ready: " + size + " bytes on disk, databases " + databases);
        Image ready = rows.get(image.id());
        Thread.ofVirtual().name("image-built-" + image.id()).start(() -> listener.built(ready));
    }

    /** Applies version {@code image.rulesVersion()} of its target's rules to the loaded data, in place. */
    private void sanitise(Image image, Engine engine, EngineHome home, TaskContext context) throws IOException {
        RulesVersion version = rules.version(image.target(), image.rulesVersion()).orElseThrow(() -> new PluginException(
                "version " + image.rulesVersion() + " of the sanitising rules of target " + image.target() + " is gone"));
        context.log("applying version " + version.version() + " of the target's sanitising rules");
        EngineAccess access = EngineSanitising.access();
        List<String> databases = EngineSanitising.grant(engine, home, access, image.plugin(), context);
        String database = EngineSanitising.database(catalog.targets().find(image.target()).map(Target::endpoint)
                .orElse(Map.of()), databases);
        EngineSanitising.apply(image.plugin(), home, access, database, version.rules(), rules.hashKey(image.target()), context);
    }

    private static void checkNotCancelled(TaskContext context) {
        if (context.cancelled()) {
            throw new PluginException("the image task was cancelled");
        }
    }

    /**
     * Removes what a stopped or failed run of image task {@code task} left: stops its data system,
     * deletes its directory and gives its port back; marks the image failed and tells those waiting.
     * Returns what it removed, for the task log.
     */
    public String discard(Task task, String why) {
        Optional<Image> found = rows.byTask(task.uuid());
        if (found.isEmpty()) {
            return null;
        }
        Image image = found.get();
        String removed = disk.removeImage(image, engines.find(image.plugin()).orElse(null));
        rows.failed(image.id(), why, clock.instant());
        Image failed = rows.get(image.id());
        if (failed.state() == Image.State.FAILED) {
            listener.failed(failed, failed.error());
        }
        return removed;
    }

    /**
     * Deletes image {@code id}: refused while instances of it live unless {@code force}, which destroys
     * them first, and while it is being built (cancel its task first).
     */
    public void delete(long id, boolean force, Instances instances) {
        Image image = rows.get(id);
        if (image.state() == Image.State.BUILDING) {
            throw new CairnException.Conflict("image " + id + " is being built by task " + image.task()
                    + "; cancel the task first");
        }
        if (image.state() == Image.State.READY && !image.server().equals(disk.server())) {
            throw new CairnException.Conflict("image " + id + " is on server " + image.server() + "; delete it there");
        }
        List<Instance> live = instanceRows.ofImage(id);
        if (!live.isEmpty() && !force) {
            throw new CairnException.Conflict("image " + id + " is used by instance" + (live.size() == 1 ? " " : "s ")
                    + String.join(", ", live.stream().map(i -> String.valueOf(i.id())).toList())
                    + "; delete them first, or delete with force=true to destroy them too");
        }
        for (Instance instance : live) {
            instances.remove(instance);
        }
        for (Instance gone : instanceRows.allOfImage(id)) {
            instanceRows.delete(gone.id());
        }
        if (image.state() == Image.State.READY) {
            disk.removeImage(image, engines.find(image.plugin()).orElse(null));
        }
        rows.delete(id);
        LOG.info("image {} ('{}') deleted", id, image.name());
    }

    /**
     * At start, before tasks run: removes every directory under the images directory that is not a
     * ready image of this server (what a crash left of a build), and the build ports nobody holds.
     */
    void recover() {
        List<Long> keep = rows.onServer(disk.server()).stream().filter(Image::ready).map(Image::id).toList();
        disk.removeImagesOtherThan(keep, engines.all());
        for (Image image : rows.onServer(disk.server())) {
            if (image.state() != Image.State.BUILDING) {
                disk.freeBuildPort(image.id(), -1);
            }
        }
    }

    /** Whether {@code image}'s files are on this server. */
    boolean here(Image image) {
        return image.server().equals(disk.server()) && Files.isDirectory(disk.imageDirectory(image.id()));
    }
}
