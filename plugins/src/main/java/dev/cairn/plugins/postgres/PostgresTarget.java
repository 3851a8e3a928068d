package dev.cairn.plugins.postgres;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.ConfigField.Type;
import dev.cairn.plugin.DownloadFormat;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.RestoreMode;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * The {@code postgres} target: backs up one PostgreSQL database with pg_dump, or the whole server
 * with pg_dumpall when the endpoint names no database. One database is restored beside the live one
 * and swapped in at the end; the whole server is replayed in place.
 *
 * <p>It runs the PostgreSQL client programs found on the PATH or in
 * {@code /usr/lib/postgresql/<newest>/bin}; they must be as new as the server. The password reaches
 * them only through {@code PGPASSWORD}.
 */
public final class PostgresTarget implements TargetPlugin {
    private static final String HELP = """
            With 'database' set, backs up that one database with pg_dump in custom format (schema, data, \
            large objects and privileges; not roles, which live outside databases). Restoring it never touches \
            the live database until the archive has been restored completely: pg_restore --no-owner loads it \
            into a new database <database>__cairn_restore (created from template0 with the live one's owner, \
            encoding, locale and tablespace), which then takes the live one's database-level privileges, \
            settings and comment, and in one transaction the live database is renamed to <database>__cairn_old \
            and the new one to <database> (other sessions connected to it are ended), after which the old copy \
            is dropped. The database afterwards holds exactly what the archive holds (objects created since \
            the backup are gone), owned by 'user'; a failed or cancelled restore drops the new database and \
            leaves the live one as it was. This needs room for a second copy of the database, and a role that \
            is a superuser, or has CREATEDB and owns the database (or is a member of its owner). \
            With 'database' empty, backs up the whole server with pg_dumpall: roles, tablespaces and every \
            database, as SQL. Restoring it is done in place (a failure part-way leaves the server partly \
            restored): it ends every other session and replays the SQL with psql into the \
            'postgres' database, dropping and re-creating each database in the archive; roles that already \
            exist (and the connecting role, which cannot be dropped) produce harmless errors in the log, and \
            databases that are not in the archive are kept. \
            Needs pg_dump, pg_restore, pg_dumpall and psql (Debian package postgresql-client) at least as new \
            as the server, and a role that can read everything (a superuser for all databases). \
            To read an archive by hand: age -d -i cairn.key OBJECT | zstd -d | pg_restore -d DB \
            (one database), or age -d -i cairn.key OBJECT | zstd -d | psql -d postgres (all databases).""";

    private static final PluginInfo INFO = new PluginInfo("postgres", "PostgreSQL", "Cairn", "0.1.0", true, false,
            List.of(
                    ConfigField.optional("host", Type.STRING, "127.0.0.1", "server host name or address"),
                    ConfigField.port("port", "5432", "server TCP port"),
                    ConfigField.optional("user", Type.STRING, "postgres", "role to connect as"),
                    ConfigField.secret("password", false, "password of that role (passed in PGPASSWORD)"),
                    ConfigField.optional("database", Type.STRING, null, "database to back up; empty for all databases and roles")),
            HELP);

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    private static final DownloadFormat CUSTOM = new DownloadFormat("custom", "dump", "application/octet-stream");

    public PostgresTarget() {
    }

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        PgConnection pg = connection(endpoint, context);
        DumpMode.of(pg).backup(pg, out, context);
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException {
        PgConnection pg = connection(endpoint, context);
        DumpMode.of(pg).restore(pg, in, context);
    }

    /** Runs psql {@code SELECT current_setting('server_version')} as the endpoint's role in its database. */
    @Override
    public String checkConnection(Endpoint endpoint, TaskContext context) throws IOException {
        return PgConnectionCheck.check(connection(endpoint, context), context);
    }

    /** One database is staged beside the live one and swapped in; all databases are replayed in place. */
    @Override
    public RestoreMode restoreMode(Endpoint endpoint) {
        return DumpMode.of(PgConnection.from(endpoint)).restoreMode();
    }

    @Override
    public void discardStagedRestore(Endpoint endpoint, TaskContext context) throws IOException {
        PgConnection pg = connection(endpoint, context);
        DumpMode.of(pg).discardStaged(pg, context);
    }

    /** One database: pg_dump's custom format; all databases: pg_dumpall's SQL. */
    @Override
    public DownloadFormat downloadFormat(Endpoint endpoint) {
        return oneDatabase(endpoint) ? CUSTOM : DownloadFormat.SQL;
    }

    /** A custom-format archive turns into SQL (pg_restore -f -). */
    @Override
    public List<DownloadFormat> conversions(Endpoint endpoint) {
        return oneDatabase(endpoint) ? List.of(DownloadFormat.SQL) : List.of();
    }

    @Override
    public void convert(Endpoint endpoint, String format, boolean clean, InputStream raw, OutputStream out,
                        TaskContext context) throws IOException {
        if (!format.equals(DownloadFormat.SQL.name())) {
            throw new PluginException("a postgres archive turns into sql only, not " + format);
        }
        SqlConversion.toSql(raw, clean, out, context);
    }

    private static boolean oneDatabase(Endpoint endpoint) {
        return !endpoint.string("database").orElse("").isBlank();
    }

    private static PgConnection connection(Endpoint endpoint, TaskContext context) {
        PgConnection pg = PgConnection.from(endpoint);
        context.redact(pg.password());
        return pg;
    }
}
