package dev.cairn.plugins.fs;

import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A store that keeps each object as a file under one directory; an object's key is the name it was
 * stored under, which may hold '/' to make sub-directories.
 *
 * <p>An object is written to {@code NAME.partial}, synced, and renamed to {@code NAME}, so a reader
 * sees a whole object or none. Names ending in {@code .partial} are therefore reserved.
 */
final class ObjectDirectory {
    private static final String PARTIAL = ".partial";
    private static final int BUFFER_BYTES = 64 * 1024;
    /** A concurrent purge may remove a sub-directory we just created; trying again re-creates it. */
    private static final int CREATE_ATTEMPTS = 3;

    private final Path root;

    ObjectDirectory(Path root) {
        this.root = root;
    }

    /** Writes {@code in} to its end as object {@code name} and returns its key; nothing is left behind on failure. */
    String store(String name, InputStream in, TaskContext context) throws IOException {
        Path object = object(name);
        Path partial = partial(object);
        try {
            write(partial, in, name, context);
            Files.move(partial, object, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException | RuntimeException | Error e) {
            try {
                Files.deleteIfExists(partial);
                removeEmptyDirectories(partial.getParent());
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
        syncDirectory(object.getParent());
        return name;
    }

    private void write(Path partial, InputStream in, String name, TaskContext context) throws IOException {
        try (FileChannel channel = create(partial)) {
            WriteBehind writeBehind = new WriteBehind(channel);
            try {
                OutputStream out = Channels.newOutputStream(channel);
                byte[] buffer = new byte[BUFFER_BYTES];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                    if (context.cancelled()) {
                        throw new PluginException("storing " + name + " in " + root + " was cancelled");
                    }
                    out.write(buffer, 0, read);
                    writeBehind.wrote(read);
                }
                writeBehind.finish();
            } finally {
                writeBehind.awaitQuietly();
            }
        }
    }

    /**
     * Syncs a file in the background every {@link #EVERY} bytes while it is being written, so that
     * its data reaches the disk as it arrives and the final sync has little left to do: synced only
     * at the end, a 2 GB object spends seconds of the backup in that one sync.
     */
    private static final class WriteBehind {
        private static final long EVERY = 32L << 20;
        private final FileChannel channel;
        private long unsynced;
        private Thread syncing;
        private volatile IOException failure;

        WriteBehind(FileChannel channel) {
            this.channel = channel;
        }

        /** Counts {@code bytes} written; starts a sync of what is written so far when enough is pending and none runs. */
        void wrote(int bytes) throws IOException {
            unsynced += bytes;
            if (unsynced >= EVERY && (syncing == null || !syncing.isAlive())) {
                throwIfFailed();
                unsynced = 0;
                syncing = Thread.ofVirtual().name("fs-write-behind").start(() -> {
                    try {
                        channel.force(false);
                    } catch (IOException e) {
                        failure = e;
                    }
                });
            }
        }

        /** Waits for the sync under way, then syncs the rest, data and metadata. */
        void finish() throws IOException {
            await();
            throwIfFailed();
            channel.force(true);
        }

        /** Waits for the sync under way, if any, before the file is closed; its outcome no longer matters. */
        void awaitQuietly() {
            try {
                await();
            } catch (IOException e) {
                // only on the way out of a write that already failed or was cancelled
            }
        }

        private void await() throws IOException {
            if (syncing == null) {
                return;
            }
            try {
                syncing.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while syncing to disk");
            }
        }

        private void throwIfFailed() throws IOException {
            if (failure != null) {
                throw new IOException("cannot sync to disk: " + failure.getMessage(), failure);
            }
        }
    }

    /** Opens object {@code key} for reading. */
    InputStream retrieve(String key) throws IOException {
        Path object = object(key);
        try {
            if (Files.isRegularFile(object)) {
                return Files.newInputStream(object);
            }
        } catch (NoSuchFileException e) {
            // purged since the check: missing as well
        }
        throw new PluginException("no object " + key + " in store " + root);
    }

    /** Removes object {@code key}, its partial upload and the sub-directories left empty; succeeds when none exists. */
    void purge(String key) throws IOException {
        Path object = object(key);
        Files.deleteIfExists(object);
        Files.deleteIfExists(partial(object));
        removeEmptyDirectories(object.getParent());
    }

    /** Whether a complete object {@code key} exists. */
    boolean exists(String key) {
        return Files.isRegularFile(object(key));
    }

    /** The keys of complete objects whose names start with {@code prefix}; uploads in progress are left out. */
    List<String> list(String prefix) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new PluginException("store directory " + root + " does not exist");
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .map(file -> root.relativize(file).toString().replace(File.separatorChar, '/'))
                    .filter(key -> key.startsWith(prefix) && !key.endsWith(PARTIAL))
                    .sorted()
                    .toList();
        }
    }

    private FileChannel create(Path partial) throws IOException {
        for (int attempt = 1; ; attempt++) {
            Files.createDirectories(partial.getParent());
            try {
                return FileChannel.open(partial, Set.of(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                        StandardOpenOption.WRITE));
            } catch (NoSuchFileException e) {
                if (attempt == CREATE_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    private void removeEmptyDirectories(Path directory) throws IOException {
        for (Path current = directory; current != null && !current.equals(root) && current.startsWith(root);
             current = current.getParent()) {
            try {
                Files.deleteIfExists(current);
            } catch (DirectoryNotEmptyException e) {
                return;
            }
        }
    }

    /** Makes the rename durable: on Linux a directory is synced by forcing a channel opened on it. */
    private static void syncDirectory(Path directory) throws IOException {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        }
    }

    private Path object(String name) {
        if (name == null || name.isEmpty()) {
            throw new PluginException("object name must not be empty");
        }
        if (name.startsWith("/")) {
            throw new PluginException("object name must be relative to the store, got " + name);
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
                throw new PluginException("object name must not have empty, '.' or '..' parts, got " + name);
            }
        }
        if (name.endsWith(PARTIAL)) {
            throw new PluginException("object names ending in " + PARTIAL + " are reserved for uploads in progress, got " + name);
        }
        try {
            return root.resolve(name);
        } catch (InvalidPathException e) {
            throw new PluginException("object name is not a valid file name: " + e.getMessage(), e);
        }
    }

    private static Path partial(Path object) {
        return object.resolveSibling(object.getFileName() + PARTIAL);
    }
}
