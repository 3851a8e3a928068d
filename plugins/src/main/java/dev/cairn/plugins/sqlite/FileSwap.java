package dev.cairn.plugins.sqlite;

import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Replaces a database file with the one read from a stream: written beside it, synced, checked,
 * then renamed over it while the old database is locked (see the package description).
 */
final class FileSwap {
    private static final int BUFFER_BYTES = 64 * 1024;
    private static final String NEW_FILE_MODE = "rw-r--r--";
    /** The files SQLite keeps beside a database; stale ones would be taken for the new database's. */
    private static final List<String> COMPANIONS = List.of("-wal", "-shm", "-journal");

    private static final String STAGED_SUFFIX = ".cairn-restore";

    private FileSwap() {
    }

    private static String stagedPrefix(Path database) {
        return "." + database.getFileName() + ".";
    }

    /** Removes the new files that restores of {@code database} cut short by a crash left beside it. */
    static void discardStaged(Path database, TaskContext context) throws IOException {
        Path directory = database.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        try (var staged = Files.newDirectoryStream(directory, path -> {
            String name = path.getFileName().toString();
            return name.startsWith(stagedPrefix(database)) && name.endsWith(STAGED_SUFFIX);
        })) {
            for (Path leftover : staged) {
                Files.deleteIfExists(leftover);
                context.log("removed " + leftover + ", left by a restore that did not finish");
            }
        }
    }

    static void replace(Path database, InputStream in, TaskContext context) throws IOException {
        Path directory = database.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            throw new PluginException("cannot restore SQLite database " + database + ": directory " + directory
                    + " does not exist");
        }
        Path temporary = Files.createTempFile(directory, stagedPrefix(database), STAGED_SUFFIX);
        try {
            long bytes = write(in, temporary, database, context);
            SqliteHeader.requireWholeDatabase(temporary);
            takeAttributes(temporary, database, context);
            context.log("restoring SQLite database " + database + " (" + bytes + " bytes)");
            if (Files.exists(database)) {
                swapLocked(temporary, database, context);
            } else {
                removeCompanions(database, context);
                moveInto(temporary, database);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    private static long write(InputStream in, Path temporary, Path database, TaskContext context) throws IOException {
        long total = 0;
        try (FileChannel file = FileChannel.open(temporary, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
            byte[] buffer = new byte[BUFFER_BYTES];
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (context.cancelled()) {
                    throw new PluginException("the restore of " + database + " was cancelled");
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    file.write(chunk);
                }
                total += read;
            }
            file.force(true);
        }
        return total;
    }

    /** Gives the new file the old one's mode, owner and group (owner only when Cairn may, as root). */
    private static void takeAttributes(Path temporary, Path database, TaskContext context) throws IOException {
        PosixFileAttributeView view = Files.getFileAttributeView(temporary, PosixFileAttributeView.class);
        if (!Files.exists(database)) {
            view.setPermissions(PosixFilePermissions.fromString(NEW_FILE_MODE));
            return;
        }
        PosixFileAttributes old = Files.readAttributes(database, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        view.setPermissions(old.permissions());
        try {
            view.setOwner(old.owner());
            view.setGroup(old.group());
        } catch (IOException e) {
            context.log("warning: the restored " + database + " belongs to the user Cairn runs as, not to "
                    + old.owner().getName() + " (" + e.getMessage() + ")");
        }
    }

    /**
     * Swaps the file in under an exclusive lock on the old database, after SQLite itself has folded
     * away its WAL: it deletes {@code -wal} and {@code -shm} only when no other connection has them
     * open, and a WAL-mode database that is still open is refused.
     */
    private static void swapLocked(Path temporary, Path database, TaskContext context) throws IOException {
        try (Connection old = Connections.open(database)) {
            String journalMode;
            try {
                journalMode = Connections.text(old, "PRAGMA journal_mode");
            } catch (SQLException e) {
                if (!Connections.notADatabase(e)) {
                    throw e;
                }
                context.log(database + " is not a SQLite database; replacing it");
                old.close();
                removeCompanions(database, context);
                moveInto(temporary, database);
                return;
            }
            if ("wal".equalsIgnoreCase(journalMode)) {
                leaveWalMode(old, database);
            }
            Connections.execute(old, "BEGIN EXCLUSIVE");
            try {
                moveInto(temporary, database);
            } finally {
                Connections.execute(old, "ROLLBACK");
            }
        } catch (SQLException e) {
            throw Connections.failure("restore", database, e);
        }
    }

    private static void leaveWalMode(Connection old, Path database) throws SQLException {
        String mode;
        try {
            mode = Connections.text(old, "PRAGMA journal_mode=DELETE");
        } catch (SQLException e) {
            if (!Connections.busy(e)) {
                throw e;
            }
            mode = "wal";
        }
        if (!"delete".equalsIgnoreCase(mode)) {
            throw new PluginException("cannot restore SQLite database " + database + ": it is in WAL mode and open in"
                    + " another program; stop the programs using it and restore again");
        }
    }

    private static void removeCompanions(Path database, TaskContext context) throws IOException {
        for (String suffix : COMPANIONS) {
            Path companion = database.resolveSibling(database.getFileName() + suffix);
            if (Files.deleteIfExists(companion)) {
                context.log("removed stale " + companion);
            }
        }
    }

    private static void moveInto(Path temporary, Path database) throws IOException {
        Files.move(temporary, database, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        try (FileChannel directory = FileChannel.open(database.getParent(), StandardOpenOption.READ)) {
            directory.force(true);
        }
    }
}
