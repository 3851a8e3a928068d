package dev.cairn.plugins.mysql;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.ConfigField.Type;
import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.DownloadFormat;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.ProcessStreams;
import dev.cairn.plugin.RestoreMode;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code mysql} target: backs up one MySQL or MariaDB database, or every database when the
 * endpoint names none, as the SQL that mariadb-dump (or mysqldump) writes, and restores it by
 * replaying that SQL with the mariadb (or mysql) client.
 *
 * <p>The password reaches the programs only through a 0600 option file passed with
 * {@code --defaults-extra-file} and deleted afterwards.
 */
public final class MySqlTarget implements TargetPlugin {

    private static final String HELP = """
            With 'database' set, backs up that one database with mariadb-dump (or mysqldump) \
            --single-transaction: tables, views, routines, triggers and events, as SQL, consistent for \
            InnoDB tables without locking them. Restoring it never touches the live database until the whole \
            archive has been loaded: it is replayed into a new database <database>__cairn_restore (same \
            character set and collation), then one RENAME TABLE moves every table of the live database to \
            <database>__cairn_old and every restored table into <database> at once, and the live database's \
            triggers, views, routines and events are replaced by the archive's in the same session; the old \
            tables are then dropped. The database afterwards holds exactly what the archive holds; a failed or \
            cancelled restore drops the new database and leaves the live one as it was. This needs room for a \
            second copy, and a user that may create and drop databases and rename tables (CREATE, DROP, ALTER, \
            INSERT on *.* or on the <database>__cairn_* names, plus TRIGGER, CREATE VIEW, CREATE ROUTINE, EVENT). \
            The archive does not name the database, so it can be restored under another name or on another server. \
            With 'database' empty, backs up every database with --all-databases (including the mysql \
            system database with its users and grants, then FLUSH PRIVILEGES), and restoring replays it \
            as a whole and in place (a failure part-way leaves the server partly restored): each database in \
            the archive is re-created, others are kept. \
            Needs mariadb-dump and mariadb (Debian package mariadb-client; MySQL's mysqldump and mysql \
            work too) and a user that can read everything it backs up (SELECT, SHOW VIEW, TRIGGER, EVENT, \
            LOCK TABLES; a superuser for all databases). \
            To read an archive by hand: age -d -i cairn.key OBJECT | zstd -d | mariadb DB (one database, \
            after CREATE DATABASE DB), or age -d -i cairn.key OBJECT | zstd -d | mariadb (all databases).""";

    private static final PluginInfo INFO = new PluginInfo("mysql", "MySQL / MariaDB", "Cairn", "0.1.0", true, false,
            List.of(
                    ConfigField.optional("host", Type.STRING, "127.0.0.1", "server host name or address"),
                    ConfigField.port("port", "3306", "server TCP port"),
                    ConfigField.optional("user", Type.STRING, "root", "user to connect as"),
                    ConfigField.secret("password", false, "password of that user (passed in a 0600 option file)"),
                    ConfigField.optional("database", Type.STRING, null, "database to back up; empty for all databases")),
            HELP);

    /** Consistent for InnoDB without locks; binary columns as hex so the SQL survives any transport. */
    private static final List<String> DUMP_OPTIONS = List.of("--single-transaction", "--routines", "--triggers",
            "--events", "--hex-blob", "--no-tablespaces", "--default-character-set=utf8mb4");
    /** How long a server may take to answer a connection (the clients' own --connect-timeout). */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Large rows replay only when the client accepts packets as large as the dump's statements. */
    private static final List<String> CLIENT_OPTIONS = List.of("--connect-timeout=" + CONNECT_TIMEOUT.toSeconds(), "--batch",
            "--default-character-set=utf8mb4", "--max-allowed-packet=1G");

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public MySqlTarget() {
    }

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        MySqlConnection db = connection(endpoint, context);
        String dump = ClientPrograms.dump();
        db.requireAnswer(name(dump), CONNECT_TIMEOUT);
        List<String> options = new ArrayList<>(db.options());
        options.addAll(DUMP_OPTIONS);
        if (db.allDatabases()) {
            options.addAll(List.of("--all-databases", "--flush-privileges"));
        } else {
            options.addAll(List.of("--", db.database()));
        }
        context.log((db.allDatabases() ? "dumping every database of " : "dumping database " + db.database() + " from ")
                + db + " with " + name(dump));
        try (OptionFile file = OptionFile.forPassword(db.password(), context);
             ChildProcess child = context.spawn(ProcessSpec.of(file.command(dump, options), Map.of()))) {
            ProcessStreams.copyOutput(child, name(dump), out, context);
        } catch (PluginException e) {
            throw ClientFailure.explain(e, name(dump), db);
        }
    }

    /**
     * Loads one database into a new database beside the live one and swaps its tables in at the end
     * (see {@link StagedDatabase}); replays every database in place.
     */
    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException {
        MySqlConnection db = connection(endpoint, context);
        InputStream dump = DumpScope.require(in, db);
        String client = ClientPrograms.client();
        List<String> options = new ArrayList<>(db.options());
        options.addAll(CLIENT_OPTIONS);
        try (OptionFile file = OptionFile.forPassword(db.password(), context)) {
            if (db.allDatabases()) {
                context.log("restoring every database in the archive on " + db + " with " + name(client) + ", in place");
                try (ChildProcess child = context.spawn(ProcessSpec.of(file.command(client, options), Map.of()))) {
                    ProcessStreams.feedInput(child, name(client), dump, context);
                }
                return;
            }
            restoreStaged(new StagedDatabase(db, file, options), dump, client, context);
        } catch (PluginException e) {
            throw ClientFailure.explain(e, name(client), db);
        }
    }

    /** Runs {@code SELECT VERSION()} with the client as the endpoint's user in its database. */
    @Override
    public String checkConnection(Endpoint endpoint, TaskContext context) throws IOException {
        return MySqlConnectionCheck.check(connection(endpoint, context), context);
    }

    private static void restoreStaged(StagedDatabase staged, InputStream dump, String client, TaskContext context)
            throws IOException {
        staged.recover(context, false);
        try {
            staged.create(context);
            staged.load(dump, client, context);
            // the stream throws rather than end when the archive proves damaged: only its end makes it good
            if (dump.read() != -1) {
                throw new PluginException(name(client) + " finished before the end of the archive");
            }
            if (context.cancelled()) {
                throw new PluginException("the restore was cancelled before " + staged.staged() + " was swapped in");
            }
            staged.swap(ClientPrograms.dump(), context);
        } catch (IOException | RuntimeException | Error e) {
            try {
                staged.recover(context, true);
            } catch (IOException | RuntimeException cleanup) {
                e.addSuppressed(cleanup);
                context.log("could not drop the staged copy " + staged.staged() + " (" + cleanup.getMessage()
                        + "); it is dropped at the next restore or server start");
            }
            throw e;
        }
    }

    /** One database is staged beside the live one and swapped in; every database is replayed in place. */
    @Override
    public RestoreMode restoreMode(Endpoint endpoint) {
        return MySqlConnection.from(endpoint).allDatabases() ? RestoreMode.IN_PLACE : RestoreMode.STAGED_SWAP;
    }

    @Override
    public void discardStagedRestore(Endpoint endpoint, TaskContext context) throws IOException {
        MySqlConnection db = connection(endpoint, context);
        if (db.allDatabases()) {
            return;
        }
        List<String> options = new ArrayList<>(db.options());
        options.addAll(CLIENT_OPTIONS);
        try (OptionFile file = OptionFile.forPassword(db.password(), context)) {
            new StagedDatabase(db, file, options).recover(context, false);
        }
    }

    private static MySqlConnection connection(Endpoint endpoint, TaskContext context) {
        MySqlConnection db = MySqlConnection.from(endpoint);
        context.redact(db.password());
        return db;
    }

    private static String name(String program) {
        return Path.of(program).getFileName().toString();
    }

    /** Downloads are {@code sql}: mariadb-dump writes SQL, which mariadb and mysql read. */
    @Override
    public DownloadFormat downloadFormat(Endpoint endpoint) {
        return DownloadFormat.SQL;
    }
}
