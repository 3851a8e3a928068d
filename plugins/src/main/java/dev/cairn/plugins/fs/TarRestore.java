package dev.cairn.plugins.fs;

import com.sun.security.auth.module.UnixSystem;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Writes a tar read from a stream into a directory: into an empty one that {@link StagedRestore}
 * then swaps in, or in place over a live one (where the directory cannot be staged beside), where
 * whatever the archive does not hold is then removed, except paths the endpoint's include/exclude
 * settings leave out of backups (they were never in an archive to begin with).
 *
 * <p>An entry that would land outside the directory (an absolute name, {@code ..}, or a path
 * through a symbolic link) is refused with a {@link PluginException} naming it. Modes and
 * modification times are restored; owners only when running as root, as tar does. Devices and
 * FIFOs are skipped.
 */
final class TarRestore {
    private static final int PERMISSION_BITS = 07777;

    private final Path root;
    private final PathSelection selection;
    private final TaskContext context;
    private final boolean inPlace;
    private final boolean restoreOwners = new UnixSystem().getUid() == 0;
    private final Set<Path> restored = new HashSet<>();
    private final List<PendingDirectory> directories = new ArrayList<>();

    /** A directory whose mode and time are set last, once writing inside it is over. */
    private record PendingDirectory(Path path, int mode, FileTime modified) {
    }

    private TarRestore(Path root, PathSelection selection, TaskContext context, boolean inPlace) {
        this.root = root;
        this.selection = selection;
        this.context = context;
        this.inPlace = inPlace;
    }

    /**
     * Extracts the tar read from {@code in} (to its end; not closed) over the live {@code directory},
     * creating it if needed, and removes what the archive does not hold.
     */
    static void extractInPlace(Path directory, PathSelection selection, InputStream in, TaskContext context)
            throws IOException {
        Files.createDirectories(directory);
        new TarRestore(directory.toRealPath(), selection, context, true).extract(in);
    }

    /** Extracts the tar read from {@code in} to its end (not closed) into the empty directory {@code staged}. */
    static void extractInto(Path staged, InputStream in, TaskContext context) throws IOException {
        new TarRestore(staged.toRealPath(), null, context, false).extract(in);
    }

    private void extract(InputStream in) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            if (context.cancelled()) {
                throw new PluginException("the restore into " + root + " was cancelled");
            }
            Path relative = inside(entry.getName());
            if (relative == null) {
                continue;
            }
            if (write(entry, relative, tar)) {
                markRestored(relative);
            }
        }
        // the tar ends before its stream does (padding); reading on lets whoever checks the stream see all of it
        in.transferTo(OutputStream.nullOutputStream());
        if (inPlace) {
            removeOthers();
        }
        for (PendingDirectory directory : directories.reversed()) {
            Files.setAttribute(directory.path(), "unix:mode", directory.mode());
            Files.setLastModifiedTime(directory.path(), directory.modified());
        }
    }

    /** The path of entry {@code name} relative to the root, null for the root itself, refused when outside. */
    private Path inside(String name) {
        if (name.startsWith("/")) {
            throw refuse(name, "it is an absolute path");
        }
        Path relative;
        try {
            relative = Path.of(name).normalize();
        } catch (InvalidPathException e) {
            throw refuse(name, "it is not a valid path");
        }
        if (relative.startsWith("..")) {
            throw refuse(name, "it would be written outside " + root);
        }
        if (relative.toString().isEmpty()) {
            return null;
        }
        for (Path parent = relative.getParent(); parent != null; parent = parent.getParent()) {
            if (Files.isSymbolicLink(root.resolve(parent))) {
                throw refuse(name, "it would be written through the symbolic link " + parent);
            }
        }
        return relative;
    }

    private PluginException refuse(String name, String why) {
        return new PluginException("refusing tar entry '" + name + "': " + why);
    }

    private boolean write(TarArchiveEntry entry, Path relative, InputStream content) throws IOException {
        Path target = root.resolve(relative);
        if (entry.isDirectory()) {
            if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
                removeExisting(target);
                Files.createDirectories(target);
            }
            restoreOwner(target, entry);
            directories.add(new PendingDirectory(target, entry.getMode() & PERMISSION_BITS, entry.getLastModifiedTime()));
            return true;
        }
        if (!entry.isSymbolicLink() && !entry.isLink() && !entry.isFile()) {
            context.log("skipping " + entry.getName() + ": devices and FIFOs are not restored");
            return false;
        }
        Files.createDirectories(target.getParent());
        removeExisting(target);
        if (entry.isSymbolicLink()) {
            Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
            restoreOwner(target, entry);
            Files.getFileAttributeView(target, BasicFileAttributeView.class, LinkOption.NOFOLLOW_LINKS)
                    .setTimes(entry.getLastModifiedTime(), null, null);
            return true;
        }
        if (entry.isLink()) {
            Path source = inside(entry.getLinkName());
            if (source == null || !Files.isRegularFile(root.resolve(source), LinkOption.NOFOLLOW_LINKS)) {
                throw refuse(entry.getName(), "it links to '" + entry.getLinkName() + "', which is not a file restored before it");
            }
            Files.createLink(target, root.resolve(source));
            return true;
        }
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            content.transferTo(out);
        }
        restoreOwner(target, entry);
        // after the owner: changing the owner clears set-user-ID and set-group-ID bits
        Files.setAttribute(target, "unix:mode", entry.getMode() & PERMISSION_BITS);
        Files.setLastModifiedTime(target, entry.getLastModifiedTime());
        return true;
    }

    private void restoreOwner(Path target, TarArchiveEntry entry) throws IOException {
        if (restoreOwners) {
            Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private void markRestored(Path relative) {
        for (Path path = relative; path != null && restored.add(path); path = path.getParent()) {
            // the directories above an entry stay, even when the archive has no entry of their own
        }
    }

    /** Removes {@code target}, a whole tree when it is a directory (links are removed, not followed). */
    static void removeExisting(Path target) throws IOException {
        if (Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.walkFileTree(target, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                    if (failure != null) {
                        throw failure;
                    }
                    Files.delete(directory);
                    return FileVisitResult.CONTINUE;
                }
            });
        } else {
            Files.deleteIfExists(target);
        }
    }

    /** Removes what the archive does not hold, leaving alone the paths a backup would not take. */
    private void removeOthers() throws IOException {
        long[] removed = {0};
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                return directory.equals(root) || !selection.excludes(root.relativize(directory))
                        ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                if (isExtra(file)) {
                    Files.delete(file);
                    removed[0]++;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                if (!directory.equals(root) && isExtra(directory)) {
                    try {
                        Files.delete(directory);
                        removed[0]++;
                    } catch (DirectoryNotEmptyException e) {
                        // it holds paths that backups leave out
                    }
                }
                return FileVisitResult.CONTINUE;
            }
        });
        if (removed[0] > 0) {
            context.log("removed " + removed[0] + " path(s) in " + root + " that are not in the archive");
        }
    }

    private boolean isExtra(Path path) {
        Path relative = root.relativize(path);
        return !restored.contains(relative) && selection.selects(relative);
    }
}
