package dev.cairn.plugins.postgres;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.ProcessStreams;
import dev.cairn.plugin.RestoreMode;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The whole server: backed up with pg_dumpall as SQL (roles, tablespaces, then every database, each
 * dropped and re-created on restore), replayed with psql.
 *
 * <p>The replay goes on past errors, because some are expected: the roles being restored already
 * exist (including the one connecting, which cannot be dropped). Databases that are not in the
 * archive are left alone. It restores in place: a replay that fails part-way leaves the server
 * partly restored.
 */
final class AllDatabases implements DumpMode {
    /** The database psql connects to first; the dump drops and re-creates it only after connecting elsewhere. */
    private static final String INITIAL_DATABASE = "postgres";

    // Sessions would keep their databases from being dropped; ending them is best effort.
    private static final PsqlScript PREPARE = new PsqlScript("""
            \\set ON_ERROR_STOP off
            SELECT 'ended ' || count(*) FILTER (WHERE pg_terminate_backend(pid))
                   || ' other session(s) on the server before restoring every database'
              FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid();
            """);

    @Override
    public void backup(PgConnection pg, OutputStream out, TaskContext context) throws IOException {
        List<String> command = new ArrayList<>(List.of(PostgresPrograms.path("pg_dumpall"), "--clean", "--if-exists"));
        command.addAll(pg.options());
        context.log("dumping every database and the roles of " + pg + " with pg_dumpall (SQL)");
        try (ChildProcess dump = context.spawn(ProcessSpec.of(command, pg.environment()))) {
            ProcessStreams.copyOutput(dump, "pg_dumpall", out, context);
        }
    }

    @Override
    public void restore(PgConnection pg, InputStream in, TaskContext context) throws IOException {
        InputStream archive = ArchiveKind.require(in, false);
        PREPARE.run(pg, INITIAL_DATABASE, Map.of(), context);
        List<String> command = new ArrayList<>(List.of(PostgresPrograms.path("psql"), "--no-psqlrc", "--quiet",
                "--set=ON_ERROR_STOP=0"));
        command.addAll(pg.options());
        command.add(PgConnection.dbname(INITIAL_DATABASE));
        command.add("--file=-");
        context.log("restoring every database on " + pg + " with psql; errors about roles that already exist,"
                + " or about dropping role " + pg.user() + ", are expected and harmless");
        try (ChildProcess replay = context.spawn(ProcessSpec.of(command, pg.environment()))) {
            ProcessStreams.feedInput(replay, "psql", archive, context);
        }
    }

    /**
     * In place: pg_dumpall's SQL drops and re-creates each database by name and replays roles,
     * which belong to the whole server, so there is nothing it could be staged beside.
     */
    @Override
    public RestoreMode restoreMode() {
        return RestoreMode.IN_PLACE;
    }

    @Override
    public void discardStaged(PgConnection pg, TaskContext context) {
        // nothing is staged by a restore in place
    }
}
