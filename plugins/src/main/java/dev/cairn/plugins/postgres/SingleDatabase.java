package dev.cairn.plugins.postgres;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.ProcessStreams;
import dev.cairn.plugin.RestoreMode;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One database: backed up as pg_dump's custom format (uncompressed, as Cairn compresses), restored
 * with pg_restore into a new database that is swapped in for the live one at the end.
 */
final class SingleDatabase implements DumpMode {

    @Override
    public void backup(PgConnection pg, OutputStream out, TaskContext context) throws IOException {
        List<String> command = new ArrayList<>(List.of(PostgresPrograms.path("pg_dump"), "--format=custom", "--compress=0"));
        command.addAll(pg.options());
        command.add(PgConnection.dbname(pg.database()));
        context.log("dumping database " + pg.database() + " from " + pg + " with pg_dump (custom format)");
        try (ChildProcess dump = context.spawn(ProcessSpec.of(command, pg.environment()))) {
            ProcessStreams.copyOutput(dump, "pg_dump", out, context);
        }
    }

    /**
     * Restores into a new database beside the live one and swaps it in once pg_restore has
     * succeeded and the archive was read to its end; until then the live database is not changed,
     * and a failure or a cancel drops the staged copy.
     */
    @Override
    public void restore(PgConnection pg, InputStream in, TaskContext context) throws IOException {
        InputStream archive = ArchiveKind.require(in, true);
        DatabaseSwap swap = new DatabaseSwap(pg);
        StagingNames names = swap.names();
        swap.requirePrivileges(context);
        swap.recover(context);
        try {
            swap.createStaged(context);
            List<String> command = new ArrayList<>(List.of(PostgresPrograms.path("pg_restore"),
                    "--clean", "--if-exists", "--no-owner"));
            command.addAll(pg.options());
            command.add(PgConnection.dbname(names.staged()));
            context.log("restoring database " + pg.database() + " on " + pg + " with pg_restore into " + names.staged()
                    + " (objects owned by " + pg.user() + "); " + pg.database() + " is not changed until it is complete");
            try (ChildProcess restore = context.spawn(ProcessSpec.of(command, pg.environment()))) {
                ProcessStreams.feedInput(restore, "pg_restore", archive, context);
            }
            // the stream throws rather than end when the archive proves damaged: only its end makes it good
            if (archive.read() != -1) {
                throw new PluginException("pg_restore finished before the end of the archive");
            }
            if (context.cancelled()) {
                throw new PluginException("the restore was cancelled before " + names.staged() + " was swapped in");
            }
            swap.swap(context);
        } catch (IOException | RuntimeException | Error e) {
            discardAfterFailure(swap, context, e);
            throw e;
        }
        swap.dropOld(context);
    }

    @Override
    public RestoreMode restoreMode() {
        return RestoreMode.STAGED_SWAP;
    }

    /** Removes what a restore into {@code pg} staged and never swapped in (see {@link DatabaseSwap}). */
    @Override
    public void discardStaged(PgConnection pg, TaskContext context) throws IOException {
        new DatabaseSwap(pg).recover(context);
    }

    private static void discardAfterFailure(DatabaseSwap swap, TaskContext context, Throwable failure) {
        try {
            swap.recoverAfterStop(context);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
            context.log("could not drop the staged copy " + swap.names().staged() + " (" + e.getMessage()
                    + "); database " + swap.names().live() + " was not changed, and the staged copy is dropped"
                    + " at the next restore or server start");
        }
    }
}
