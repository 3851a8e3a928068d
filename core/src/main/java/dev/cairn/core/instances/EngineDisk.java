package dev.cairn.core.instances;

import dev.cairn.core.CairnException;
import dev.cairn.core.DataDirectory;
import dev.cairn.core.instances.clone.CloneBackend;
import dev.cairn.plugin.Engine;
import dev.cairn.plugin.EngineHome;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where images and instances live on this server's disk ({@code <data>/images/ID},
 * {@code <data>/instances/ID}), the clone backend chosen for it, the account engines run as, and the
 * ports they listen on. When engines run as another account, the data directory and these two are
 * opened to others for passing through only (never for listing), so that the account reaches its
 * own homes.
 */
final class EngineDisk {
    private static final Logger LOG = LoggerFactory.getLogger(EngineDisk.class);
    /** Where an image's engine listens while it is built: reached by Cairn alone. */
    private static final String BUILD_HOST = "127.0.0.1";
    private final Path data;
    private final String server;
    private final InstanceSettings settings;
    private final EngineAccount account;
    private final InstanceCatalog ports;
    private final Function<Path, CloneBackend> chooser;
    private final Path privateDirectory;
    private volatile CloneBackend backend;

    EngineDisk(Path data, String server, InstanceSettings settings, InstanceCatalog ports,
               Function<Path, CloneBackend> chooser, Path privateDirectory) {
        this.data = data.toAbsolutePath();
        this.server = server;
        this.settings = settings;
        this.account = EngineAccount.of(settings.account());
        this.ports = ports;
        this.chooser = chooser;
        this.privateDirectory = privateDirectory;
    }

    String server() {
        return server;
    }

    InstanceSettings settings() {
        return settings;
    }

    Path privateDirectory() {
        return privateDirectory;
    }

    Path imagesRoot() {
        return data.resolve(DataDirectory.IMAGES);
    }

    Path instancesRoot() {
        return data.resolve(DataDirectory.INSTANCES);
    }

    Path scratchRoot() {
        return data.resolve(DataDirectory.SCRATCH);
    }

    /** The pool holder of a sanitise task's scratch engine: below every image's and instance's. */
    static long scratchHolder(java.util.UUID task) {
        return SCRATCH_HOLDERS - (task.getMostSignificantBits() >>> 2);
    }

    /** Pool holders at or below this are scratch engines, freed by {@link ScratchEngines} alone. */
    static final long SCRATCH_HOLDERS = -(1L << 62);

    Path imageDirectory(long id) {
        return imagesRoot().resolve(String.valueOf(id));
    }

    Path instanceDirectory(long id) {
        return instancesRoot().resolve(String.valueOf(id));
    }

    /** The clone backend for this disk, chosen (best first) the first time it is needed. */
    CloneBackend backend() {
        CloneBackend chosen = backend;
        if (chosen == null) {
            synchronized (this) {
                if (backend == null) {
                    ensureRoots();
                    backend = chooser.apply(imagesRoot());
                    LOG.info("instances: clone backend {} for {}{}", backend.name(), imagesRoot(), backend.copyOnWrite() ? ""
                            : " (no copy-on-write on this file system: every instance is a slow, full-size copy)");
                }
                chosen = backend;
            }
        }
        return chosen;
    }

    /** Creates the images and instances directories, reachable by the engines' account. */
    void ensureRoots() {
        try {
            Files.createDirectories(imagesRoot());
            Files.createDirectories(instancesRoot());
            if (account.other()) {
                DataDirectory.letThrough(data);
                DataDirectory.letThrough(imagesRoot());
                DataDirectory.letThrough(instancesRoot());
            }
        } catch (IOException e) {
            throw new CairnException.Failure("cannot create " + imagesRoot() + " and " + instancesRoot() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Makes {@code directory} afresh as an empty image directory of the backend, the engines' account's. */
    void prepareImageDirectory(Path directory) throws IOException {
        CloneBackend b = backend();
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            b.delete(directory);
        }
        b.createImageDirectory(directory);
        account.ownDirectory(directory);
    }

    /** Clones image {@code image} into instance directory {@code clone} (removed first if it is there). */
    void cloneImage(long image, Path clone) throws IOException {
        CloneBackend b = backend();
        if (Files.exists(clone, LinkOption.NOFOLLOW_LINKS)) {
            b.delete(clone);
        }
        b.clone(imageDirectory(image), clone);
    }

    EngineHome buildHome(Path directory, int port) {
        return new EngineHome(directory, BUILD_HOST, port, account.name());
    }

    EngineHome home(Path directory, int port) {
        return new EngineHome(directory, settings.host(), port, account.name());
    }

    /** Takes a pool port for building image {@code image} (held in the pool under the image's negated id). */
    int takeBuildPort(long image) {
        return ports.takePort(-image, server, settings.firstPort(), settings.lastPort(), port -> free(BUILD_HOST, port));
    }

    /** Takes a pool port for scratch engine {@code holder} ({@link #scratchHolder}), on the build host. */
    int takeScratchPort(long holder) {
        return ports.takePort(holder, server, settings.firstPort(), settings.lastPort(), port -> free(BUILD_HOST, port));
    }

    /** Gives back every port {@code holder} holds. */
    void freeHolder(long holder) {
        ports.freeAllOf(holder);
    }

    /** Every pool port of this server held by a scratch engine. */
    List<Long> scratchHolders() {
        return ports.portsOf(server).values().stream().filter(h -> h <= SCRATCH_HOLDERS).distinct().toList();
    }

    /** Gives back the port a build of {@code image} holds ({@code port}, or any when negative). */
    void freeBuildPort(long image, int port) {
        if (port > 0) {
            ports.freePort(port, -image);
        } else {
            ports.freeAllOf(-image);
        }
    }

    int takeInstancePort(long instance) {
        return ports.takePort(instance, server, settings.firstPort(), settings.lastPort(), port -> free(settings.host(), port));
    }

    /** Gives back the port {@code instance} holds. */
    void freeInstancePort(Instance instance) {
        ports.freeAllOf(instance.id());
    }

    /**
     * Gives back the pool ports of this server whose holder is gone: an instance destroyed or deleted,
     * or an image that is no longer being built.
     */
    void freePortsNobodyHolds(InstanceCatalog instances, Images images) {
        for (Map.Entry<Integer, Long> held : ports.portsOf(server).entrySet()) {
            long holder = held.getValue();
            if (holder <= SCRATCH_HOLDERS) {
                continue;
            }
            boolean alive = holder < 0
                    ? images.find(-holder).filter(i -> i.state() == Image.State.BUILDING).isPresent()
                    : instances.find(holder).filter(i -> i.state() != Instance.State.DESTROYED).isPresent();
            if (!alive) {
                ports.freePort(held.getKey(), holder);
                LOG.warn("freed port {}: its {} {} is gone", held.getKey(), holder < 0 ? "image build" : "instance",
                        Math.abs(holder));
            }
        }
    }

    /** Whether nothing on this host listens on {@code host:port} now. */
    static boolean free(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Removes image {@code image}'s directory (after stopping a data system still running in it, when
     * {@code engine} is known) and gives back its build port; returns the line that says so, or null
     * when there was nothing.
     */
    String removeImage(Image image, Engine engine) {
        Path directory = imageDirectory(image.id());
        int port = ports.portOf(-image.id()).orElse(settings.firstPort());
        boolean there = Files.exists(directory, LinkOption.NOFOLLOW_LINKS);
        if (there && engine != null) {
            stopQuietly(engine, buildHome(directory, port), "image " + image.id());
        }
        freeBuildPort(image.id(), -1);
        if (!there) {
            return null;
        }
        remove(directory);
        return "removed the partial image " + directory + " and freed its port";
    }

    /** Removes {@code directory} whole with the backend that made it. */
    void remove(Path directory) {
        try {
            backend().delete(directory);
        } catch (IOException e) {
            throw new CairnException.Failure("cannot remove " + directory + ": " + e.getMessage(), e);
        }
    }

    /** Stops whatever data system of {@code engine} runs in {@code home}; a failure is logged, not thrown. */
    void stopQuietly(Engine engine, EngineHome home, String what) {
        try {
            engine.stop(home, new EngineLog(what, privateDirectory));
        } catch (IOException | RuntimeException e) {
            LOG.warn("{}: cannot stop its {} data system in {}: {}", what, engine.plugin(), home.directory(), e.getMessage());
        }
    }

    /** Removes the image directories not named in {@code keep}, stopping any data system left running in them. */
    void removeImagesOtherThan(List<Long> keep, Collection<Engine> engines) {
        removeOthers(imagesRoot(), keep, engines, "image");
    }

    /** Removes the instance directories not named in {@code keep}, stopping any data system left running in them. */
    void removeInstancesOtherThan(List<Long> keep, Collection<Engine> engines) {
        removeOthers(instancesRoot(), keep, engines, "instance");
    }

    private void removeOthers(Path root, List<Long> keep, Collection<Engine> engines, String kind) {
        if (!Files.isDirectory(root)) {
            return;
        }
        List<Path> leftovers = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
            for (Path entry : entries) {
                String name = entry.getFileName().toString();
                if (!name.matches("\\d+") || !keep.contains(Long.parseLong(name))) {
                    leftovers.add(entry);
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot list {}: {}", root, e.getMessage());
            return;
        }
        for (Path entry : leftovers) {
            for (Engine engine : engines) {
                stopQuietly(engine, buildHome(entry, settings.firstPort()), kind + " leftover " + entry.getFileName());
            }
            try {
                remove(entry);
                LOG.warn("removed {} directory {}: nothing in the catalog owns it (left by a crash or a failed build)", kind, entry);
            } catch (RuntimeException e) {
                LOG.warn("cannot remove leftover {} directory {}: {}", kind, entry, e.getMessage());
            }
        }
    }

    /** Bytes of the files under {@code directory} (their lengths; shared blocks are counted for each). */
    static long size(Path directory) {
        try (Stream<Path> files = Files.walk(directory)) {
            return files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
