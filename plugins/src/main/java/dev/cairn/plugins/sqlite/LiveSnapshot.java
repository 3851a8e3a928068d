package dev.cairn.plugins.sqlite;

import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * Streams the latest committed state of a live database as a SQLite file: the write lock is held,
 * the WAL (if any) is checkpointed completely into the database file, and the file is copied. The
 * package description explains why that is consistent.
 */
final class LiveSnapshot {
    private static final int BUFFER_BYTES = 64 * 1024;
    /** How long a reader holding an old snapshot may keep the checkpoint from completing. */
    private static final Duration CHECKPOINT_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration CHECKPOINT_RETRY = Duration.ofMillis(50);
    /** How often the backup tries again for the write lock while a writer holds it. */
    private static final Duration LOCK_RETRY = Duration.ofNanos(200_000);

    private LiveSnapshot() {
    }

    static void write(Path database, OutputStream out, TaskContext context) throws IOException {
        if (!Files.isRegularFile(database)) {
            throw new PluginException("no SQLite database at " + database + " (the file does not exist)");
        }
        try (Connection writer = Connections.open(database)) {
            String journalMode = Connections.text(writer, "PRAGMA journal_mode");
            takeWriteLock(writer, database, context);
            try {
                if ("wal".equalsIgnoreCase(journalMode)) {
                    checkpointEverything(database, context);
                }
                long pageSize = Connections.numbers(writer, "PRAGMA page_size", 1)[0];
                long pages = Connections.numbers(writer, "PRAGMA page_count", 1)[0];
                context.log("copying SQLite database " + database + " (" + journalMode + " mode, " + pages
                        + " pages of " + pageSize + " bytes) while holding its write lock");
                copy(database, pageSize * pages, out, context);
            } finally {
                Connections.execute(writer, "ROLLBACK");
            }
        } catch (SQLException e) {
            throw Connections.failure("back up", database, e);
        }
    }

    /**
     * {@code BEGIN IMMEDIATE}, tried again every {@link #LOCK_RETRY} for up to the busy timeout. SQLite's
     * own busy handler backs off to 100 ms between tries, and a writer that commits back to back takes
     * the lock again within microseconds of each commit, so waiting that way the backup could lose
     * every time; trying this often, it gets the lock in one of the writer's gaps.
     */
    private static void takeWriteLock(Connection writer, Path database, TaskContext context) throws SQLException {
        Instant deadline = Instant.now().plus(Connections.BUSY_TIMEOUT);
        Connections.execute(writer, "PRAGMA busy_timeout = 0");
        try {
            while (true) {
                try {
                    Connections.execute(writer, "BEGIN IMMEDIATE");
                    return;
                } catch (SQLException e) {
                    if (!Connections.busy(e) || Instant.now().isAfter(deadline)) {
                        throw e;
                    }
                }
                if (context.cancelled()) {
                    throw new PluginException("the backup of " + database + " was cancelled");
                }
                java.util.concurrent.locks.LockSupport.parkNanos(LOCK_RETRY.toNanos());
            }
        } finally {
            Connections.execute(writer, "PRAGMA busy_timeout = " + Connections.BUSY_TIMEOUT.toMillis());
        }
    }

    /** Runs passive checkpoints until the database file holds every frame of the log. */
    private static void checkpointEverything(Path database, TaskContext context) throws SQLException {
        Instant deadline = Instant.now().plus(CHECKPOINT_TIMEOUT);
        try (Connection checkpointer = Connections.open(database)) {
            while (true) {
                long[] result = Connections.numbers(checkpointer, "PRAGMA wal_checkpoint(PASSIVE)", 3);
                // (busy, frames in the log, frames checkpointed); a checkpoint that could not run because
                // another connection's (auto)checkpoint was under way answers busy with -1, -1: not done.
                boolean busy = result[0] != 0;
                long logFrames = result[1];
                long copiedFrames = result[2];
                if (!busy && logFrames >= 0 && logFrames == copiedFrames) {
                    return;
                }
                if (context.cancelled()) {
                    throw new PluginException("the backup of " + database + " was cancelled");
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new PluginException("cannot back up SQLite database " + database + ": a reader kept an"
                            + " older snapshot open for more than " + CHECKPOINT_TIMEOUT.toSeconds() + " s, so its WAL"
                            + " could not be checkpointed (" + copiedFrames + " of " + logFrames + " frames)");
                }
                pause();
            }
        }
    }

    private static void copy(Path database, long bytes, OutputStream out, TaskContext context) throws IOException {
        try (FileChannel file = FileChannel.open(database, StandardOpenOption.READ)) {
            ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
            long remaining = bytes;
            while (remaining > 0) {
                if (context.cancelled()) {
                    throw new PluginException("the backup of " + database + " was cancelled");
                }
                buffer.clear().limit((int) Math.min(BUFFER_BYTES, remaining));
                int read = file.read(buffer);
                if (read < 0) {
                    throw new PluginException("SQLite database " + database + " ended " + remaining
                            + " bytes before its last page");
                }
                out.write(buffer.array(), 0, read);
                remaining -= read;
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(CHECKPOINT_RETRY);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("the backup was interrupted", e);
        }
    }
}
