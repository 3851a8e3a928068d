package dev.cairn.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A throw-away file system of its own: a sparse file formatted as btrfs, XFS (with reflink) or ext4 and
 * mounted on a temporary directory through a loop device; {@link #close()} unmounts it and deletes
 * the file.
 *
 * <p>Mounting needs root and a kernel that allows loop devices (a container may not). When either is
 * missing the test is aborted (skipped) with a message naming the reason, except when the
 * environment variable {@code CI} is set: then it fails, as {@link Binaries#require} does.
 */
public final class LoopFileSystem implements AutoCloseable {
    private static final Duration TOOL_TIMEOUT = Duration.ofSeconds(120);

    private final Path imageFile;
    private final Path mountPoint;
    private final String type;
    private boolean closed;

    private LoopFileSystem(Path imageFile, Path mountPoint, String type) {
        this.imageFile = imageFile;
        this.mountPoint = mountPoint;
        this.type = type;
    }

    /** A mounted btrfs of {@code bytes} (at least 128 MiB). */
    public static LoopFileSystem btrfs(long bytes) {
        Path mkfs = Binaries.require("mkfs.btrfs", "btrfs-progs");
        Binaries.require("btrfs", "btrfs-progs");
        return create("btrfs", bytes, List.of(mkfs.toString(), "-q", "-f"));
    }

    /** A mounted XFS of {@code bytes} (at least 300 MiB) made with {@code -m reflink=1}. */
    public static LoopFileSystem xfsWithReflink(long bytes) {
        Path mkfs = Binaries.require("mkfs.xfs", "xfsprogs");
        return create("xfs", bytes, List.of(mkfs.toString(), "-q", "-f", "-m", "reflink=1"));
    }

    /** A mounted ext4 of {@code bytes}: a file system that can neither snapshot nor reflink. */
    public static LoopFileSystem ext4(long bytes) {
        Path mkfs = Binaries.require("mkfs.ext4", "e2fsprogs");
        return create("ext4", bytes, List.of(mkfs.toString(), "-q", "-F"));
    }

    private static LoopFileSystem create(String type, long bytes, List<String> mkfs) {
        if (!"root".equals(System.getProperty("user.name"))) {
            skip("mounting a loop " + type + " file system needs root; the tests run as " + System.getProperty("user.name"));
        }
        Path mount = Binaries.require("mount", "mount");
        Path imageFile = null;
        Path mountPoint = null;
        try {
            Path base = Path.of("/tmp");
            imageFile = Files.createTempFile(base, "cairn-loop-", "." + type);
            try (RandomAccessFile file = new RandomAccessFile(imageFile.toFile(), "rw")) {
                file.setLength(bytes);
            }
            List<String> format = new ArrayList<>(mkfs);
            format.add(imageFile.toString());
            LocalCommand.run(format, base, TOOL_TIMEOUT).orThrow();
            mountPoint = Files.createTempDirectory(base, "cairn-mnt-");
            LocalCommand.Result mounted = LocalCommand.run(List.of(mount.toString(), "-o", "loop", "-t", type,
                    imageFile.toString(), mountPoint.toString()), base, TOOL_TIMEOUT);
            if (!mounted.succeeded()) {
                Files.deleteIfExists(mountPoint);
                Files.deleteIfExists(imageFile);
                skip("the kernel refused to mount a loop " + type + " file system: " + mounted.output().strip());
            }
            return new LoopFileSystem(imageFile, mountPoint, type);
        } catch (IOException e) {
            deleteQuietly(mountPoint);
            deleteQuietly(imageFile);
            throw new UncheckedIOException("cannot prepare a loop " + type + " file system", e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(mountPoint);
            deleteQuietly(imageFile);
            throw e;
        }
    }

    private static void skip(String reason) {
        String ci = System.getenv("CI");
        if (ci != null && !ci.isEmpty()) {
            throw new AssertionError(reason + " (CI is set, so this fails the test instead of skipping it)");
        }
        Assumptions.abort(reason);
    }

    /** Where the file system is mounted (its root directory, mode 0755, owned by root). */
    public Path root() {
        return mountPoint;
    }

    /** {@code btrfs}, {@code xfs} or {@code ext4}. */
    public String type() {
        return type;
    }

    /** The bytes in use on the file system (as df counts them), after writing out what is pending. */
    public long usedBytes() {
        LocalCommand.run(List.of("sync", "-f", mountPoint.toString()), mountPoint, TOOL_TIMEOUT).orThrow();
        try {
            FileStore store = Files.getFileStore(mountPoint);
            return store.getTotalSpace() - store.getUnallocatedSpace();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the space used on " + mountPoint, e);
        }
    }

    /** Unmounts the file system and deletes its file (and everything on it). */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LocalCommand.Result unmounted = LocalCommand.run(List.of("umount", mountPoint.toString()), Path.of("/tmp"), TOOL_TIMEOUT);
        if (!unmounted.succeeded()) {
            // a process still inside keeps it busy: detach it, the kernel frees it when the last one leaves
            LocalCommand.run(List.of("umount", "-l", mountPoint.toString()), Path.of("/tmp"), TOOL_TIMEOUT).orThrow();
        }
        deleteQuietly(mountPoint);
        deleteQuietly(imageFile);
    }

    private static void deleteQuietly(Path path) {
        if (path == null) {
            return;
        }
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // a leftover empty directory or file in /tmp is harmless
        }
    }

    @Override
    public String toString() {
        return "LoopFileSystem[" + type + " on " + mountPoint + "]";
    }
}
