package dev.cairn.plugins.postgres;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.ProcessStreams;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One database: backed up as pg_dump's custom format (uncompressed, as Cairn compresses), restored
 * with pg_restore over whatever the database holds, or into a new database.
 */
final class SingleDatabase implements DumpMode {
    /** Where the preparation script connects: the database being restored may not exist yet. */
    private static final String MAINTENANCE_DATABASE = "postgres";

    // Ending sessions is best effort (a non-superuser may not end a superuser's): psql logs the
    // error and the restore goes on. Creating a missing database must succeed.
    private static final PsqlScript PREPARE = new PsqlScript("""
            \\set ON_ERROR_STOP off
            SELECT 'ended ' || count(*) FILTER (WHERE pg_terminate_backend(pid))
                   || ' other session(s) connected to database ' || :'db' || ' before restoring it'
              FROM pg_stat_activity WHERE datname = :'db' AND pid <> pg_backend_pid();
            \\set ON_ERROR_STOP on
            SELECT 'database ' || :'db' || ' does not exist: creating it'
             WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db');
            SELECT format('CREATE DATABASE %I', :'db')
             WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = :'db') \\gexec
            """);

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

    @Override
    public void restore(PgConnection pg, InputStream in, TaskContext context) throws IOException {
        InputStream archive = ArchiveKind.require(in, true);
        PREPARE.run(pg, MAINTENANCE_DATABASE, Map.of("db", pg.database()), context);
        List<String> command = new ArrayList<>(List.of(PostgresPrograms.path("pg_restore"),
                "--clean", "--if-exists", "--no-owner"));
        command.addAll(pg.options());
        command.add(PgConnection.dbname(pg.database()));
        context.log("restoring database " + pg.database() + " on " + pg + " with pg_restore (objects owned by " + pg.user() + ")");
        try (ChildProcess restore = context.spawn(ProcessSpec.of(command, pg.environment()))) {
            ProcessStreams.feedInput(restore, "pg_restore", archive, context);
        }
    }
}
