package dev.cairn.plugins.mysql;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.ConfigField.Type;
import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.ProcessStreams;
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
            InnoDB tables without locking them. Restoring it creates the database when it does not exist \
            and replays the SQL with the mariadb (or mysql) client: tables, routines and events in the \
            archive replace their current versions, objects created since the backup are kept. The archive \
            does not name the database, so it can be restored under another name or on another server. \
            With 'database' empty, backs up every database with --all-databases (including the mysql \
            system database with its users and grants, then FLUSH PRIVILEGES), and restoring replays it \
            as a whole: each database in the archive is re-created, others are kept. \
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

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException {
        MySqlConnection db = connection(endpoint, context);
        InputStream dump = DumpScope.require(in, db);
        String client = ClientPrograms.client();
        List<String> options = new ArrayList<>(db.options());
        options.addAll(CLIENT_OPTIONS);
        try (OptionFile file = OptionFile.forPassword(db.password(), context)) {
            if (!db.allDatabases()) {
                context.log("creating database " + db.database() + " on " + db + " unless it exists");
                List<String> create = new ArrayList<>(options);
                create.add("--execute=CREATE DATABASE IF NOT EXISTS " + MySqlConnection.quoted(db.database()));
                try (ChildProcess child = context.spawn(ProcessSpec.of(file.command(client, create), Map.of()))) {
                    ProcessStreams.feedInput(child, name(client), InputStream.nullInputStream(), context);
                }
                options.add("--database=" + db.database());
            }
            context.log((db.allDatabases() ? "restoring every database in the archive on " : "restoring database "
                    + db.database() + " on ") + db + " with " + name(client));
            try (ChildProcess child = context.spawn(ProcessSpec.of(file.command(client, options), Map.of()))) {
                ProcessStreams.feedInput(child, name(client), dump, context);
            }
        } catch (PluginException e) {
            throw ClientFailure.explain(e, name(client), db);
        }
    }

    /** Runs {@code SELECT VERSION()} with the client as the endpoint's user in its database. */
    @Override
    public String checkConnection(Endpoint endpoint, TaskContext context) throws IOException {
        return MySqlConnectionCheck.check(connection(endpoint, context), context);
    }

    private static MySqlConnection connection(Endpoint endpoint, TaskContext context) {
        MySqlConnection db = MySqlConnection.from(endpoint);
        context.redact(db.password());
        return db;
    }

    private static String name(String program) {
        return Path.of(program).getFileName().toString();
    }
}
