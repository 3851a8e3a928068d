package dev.cairn.plugins.fs;

import com.sun.security.auth.module.UnixSystem;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Restores a directory beside the live one and swaps it in at the end: the tar is extracted into
 * the sibling {@code .NAME.cairn-restore} (same parent, so one file system and renames are atomic),
 * read to its end, the paths that include/exclude leave out of backups are carried over from the
 * live directory (as hard links, else copies), then the live directory is renamed to
 * {@code .NAME.cairn-old}, the staged one renamed into place, and the old one deleted.
 *
 * <p>Until the first rename the live directory is untouched: a restore that fails or is cancelled
 * removes the staged directory and leaves it as it was; one cut short by a crash leaves siblings
 * that {@link #discard} removes (putting the old directory back should the crash fall between the
 * two renames).
 */
final class StagedRestore {
    private static final int PERMISSION_BITS = 07777;
    /** The mode of a target directory a restore creates (the archive holds no entry for the root). */
    private static final String NEW_DIRECTORY_MODE = "rwxr-xr-x";

    private final Path live;
    private final Path staged;
    private final Path old;
    private final TaskContext context;

    private StagedRestore(Path live, TaskContext context) {
        this.live = live;
        this.staged = live.resolveSibling("." + live.getFileName() + ".cairn-restore");
        this.old = live.resolveSibling("." + live.getFileName() + ".cairn-old");
        this.context = context;
    }

    /**
     * Whether {@code directory} can be restored beside itself: it has a parent that Cairn may write
     * in (or that is still to be created), and it is not a mount point (a sibling would sit on
     * another file system, where a rename cannot swap it in).
     */
    static boolean possible(Path directory) {
        Path live = resolved(directory);
        Path parent = live.getParent();
        if (parent == null) {
            return false;
        }
        if (!Files.exists(parent)) {
            return true;
        }
        if (!Files.isWritable(parent)) {
            return false;
        }
        if (!Files.isDirectory(live, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        try {
            return Files.getAttribute(live, "unix:dev").equals(Files.getAttribute(parent, "unix:dev"));
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /** The directory a restore replaces: where a symbolic link at {@code directory} leads, when it is one. */
    private static Path resolved(Path directory) {
        try {
            return Files.exists(directory) ? directory.toRealPath() : directory;
        } catch (IOException e) {
            return directory;
        }
    }

    static void restore(Path directory, PathSelection selection, InputStream in, TaskContext context) throws IOException {
        new StagedRestore(resolved(directory), context).restore(selection, in);
    }

    static void discard(Path directory, TaskContext context) throws IOException {
        new StagedRestore(resolved(directory), context).discard();
    }

    private void restore(PathSelection selection, InputStream in) throws IOException {
        discard();
        Files.createDirectories(live.getParent());
        // private while it fills; it takes the live directory's mode once complete
        Files.createDirectory(staged, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        context.log("extracting into " + staged + "; " + live + " is left as it is until the whole archive is read");
        try {
            boolean exists = Files.isDirectory(live, LinkOption.NOFOLLOW_LINKS);
            if (Files.exists(live, LinkOption.NOFOLLOW_LINKS) && !exists) {
                throw new PluginException("cannot restore into " + live + ": it is not a directory");
            }
            TarRestore.extractInto(staged, in, context);
            if (exists) {
                carryOver(selection);
                copyAttributes(live, staged);
            } else {
                Files.setPosixFilePermissions(staged, PosixFilePermissions.fromString(NEW_DIRECTORY_MODE));
            }
            if (context.cancelled()) {
                throw new PluginException("the restore into " + live + " was cancelled before it was swapped in");
            }
            swap(exists);
        } catch (IOException | RuntimeException e) {
            undo(e);
            throw e;
        }
        try {
            TarRestore.removeExisting(old);
        } catch (IOException e) {
            context.log("the restore is in place, but the old content at " + old + " could not be removed (" + e.getMessage()
                    + "); the next restore removes it");
        }
    }

    private void swap(boolean exists) throws IOException {
        if (exists) {
            Files.move(live, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(staged, live, StandardCopyOption.ATOMIC_MOVE);
        syncDirectory(live.getParent());
        context.log("swapped the restored content into " + live);
    }

    /** Removes the staged directory after a failure, and puts the live one back if it was moved away. */
    private void undo(Exception failure) {
        try {
            if (Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
                TarRestore.removeExisting(staged);
            }
            if (!Files.exists(live, LinkOption.NOFOLLOW_LINKS) && Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
                Files.move(old, live, StandardCopyOption.ATOMIC_MOVE);
            }
            context.log("removed the staged copy " + staged + "; " + live + " is as it was");
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(new IOException("cannot remove the staged copy " + staged + ": " + e.getMessage(), e));
        }
    }

    private void discard() throws IOException {
        if (Files.exists(staged, LinkOption.NOFOLLOW_LINKS)) {
            TarRestore.removeExisting(staged);
            context.log("removed " + staged + ", left by a restore that did not finish");
        }
        if (Files.exists(old, LinkOption.NOFOLLOW_LINKS)) {
            if (Files.exists(live, LinkOption.NOFOLLOW_LINKS)) {
                TarRestore.removeExisting(old);
                context.log("removed " + old + ", the content a finished restore replaced");
            } else {
                Files.move(old, live, StandardCopyOption.ATOMIC_MOVE);
                context.log("put " + live + " back from " + old + ", where a restore that did not finish had moved it");
            }
        }
    }

    /**
     * Carries the live paths that backups leave out into the staged directory, as in-place restores
     * keep them (the archive's own entries win), and counts the paths the restore drops.
     */
    private void carryOver(PathSelection selection) throws IOException {
        long[] dropped = {0};
        Deque<Path> created = new ArrayDeque<>();
        Files.walkFileTree(live, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) throws IOException {
                if (directory.equals(live)) {
                    return FileVisitResult.CONTINUE;
                }
                Path relative = live.relativize(directory);
                Path copy = staged.resolve(relative);
                if (!selection.selects(relative) && !Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
                    ensureParents(copy.getParent(), created);
                    Files.createDirectory(copy);
                    created.push(copy);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Path relative = live.relativize(file);
                Path copy = staged.resolve(relative);
                if (selection.selects(relative)) {
                    if (!Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
                        dropped[0]++;
                    }
                } else if (!Files.exists(copy, LinkOption.NOFOLLOW_LINKS)) {
                    ensureParents(copy.getParent(), created);
                    link(file, copy);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                if (!directory.equals(live) && selection.selects(live.relativize(directory))
                        && !Files.exists(staged.resolve(live.relativize(directory)), LinkOption.NOFOLLOW_LINKS)) {
                    dropped[0]++;
                }
                return FileVisitResult.CONTINUE;
            }
        });
        // directories made here take the live ones' mode and time, once nothing more is written in them
        for (Path copy : created) {
            Path original = live.resolve(staged.relativize(copy));
            copyAttributes(original, copy);
        }
        if (dropped[0] > 0) {
            context.log("removed " + dropped[0] + " path(s) in " + live + " that are not in the archive");
        }
    }

    /** Creates the missing directories down to {@code directory} in the staged tree, remembering them. */
    private void ensureParents(Path directory, Deque<Path> created) throws IOException {
        if (Files.exists(directory, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        ensureParents(directory.getParent(), created);
        Files.createDirectory(directory);
        created.push(directory);
    }

    /** A hard link to the live file (it is the same file), or a copy where a link is refused. */
    private static void link(Path file, Path copy) throws IOException {
        try {
            Files.createLink(copy, file);
        } catch (FileAlreadyExistsException e) {
            throw e;
        } catch (IOException | UnsupportedOperationException e) {
            Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Gives {@code to} the mode and time (and owner, as root) of {@code from}. */
    private static void copyAttributes(Path from, Path to) throws IOException {
        if (new UnixSystem().getUid() == 0) {
            Files.setAttribute(to, "unix:uid", Files.getAttribute(from, "unix:uid", LinkOption.NOFOLLOW_LINKS),
                    LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(to, "unix:gid", Files.getAttribute(from, "unix:gid", LinkOption.NOFOLLOW_LINKS),
                    LinkOption.NOFOLLOW_LINKS);
        }
        int mode = (int) Files.getAttribute(from, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(to, "unix:mode", mode & PERMISSION_BITS);
        Files.setLastModifiedTime(to, Files.getLastModifiedTime(from, LinkOption.NOFOLLOW_LINKS));
    }

    private static void syncDirectory(Path directory) {
        try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // not every file system syncs directories; the rename is in place all the same
        }
    }
}
