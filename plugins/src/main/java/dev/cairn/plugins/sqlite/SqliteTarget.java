package dev.cairn.plugins.sqlite;

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
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * The {@code sqlite} target: backs up a live SQLite database file as a byte-exact copy of its
 * latest committed state, and restores one by swapping a new file in (see the package description
 * for how both stay safe while applications use the database).
 */
public final class SqliteTarget implements TargetPlugin {
    private static final DownloadFormat SQLITE = new DownloadFormat("sqlite", "sqlite", "application/vnd.sqlite3");

    private static final String HELP = """
            Backs up the SQLite database file 'path' (in WAL or rollback-journal mode) while it is in \
            use: Cairn takes the database's write lock, checkpoints the WAL into the file and streams \
            the file, so the archive is a plain SQLite database holding the latest committed state. \
            Readers carry on during the copy; writers wait for it (give them a busy timeout). \
            Restoring writes the archive to a temporary file beside 'path', syncs it and renames it over \
            the database, keeping the old file's owner and mode. The database must not be open in other \
            programs while it is restored (a WAL-mode database that is open is refused); programs that \
            had it open must reopen it. Needs nothing installed: SQLite is built into Cairn. \
            To read an archive by hand: age -d -i cairn.key OBJECT | zstd -d > copy.db""";

    private static final PluginInfo INFO = new PluginInfo("sqlite", "SQLite", "Cairn", "0.1.0", true, false,
            List.of(ConfigField.required("path", Type.STRING, "absolute path of the database file")),
            HELP);

    /** Creates the plugin; {@link java.util.ServiceLoader} calls this. */
    public SqliteTarget() {
    }

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        LiveSnapshot.write(database(endpoint), out, context);
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException {
        FileSwap.replace(database(endpoint), in, context);
    }

    /** The new file is written beside the database, synced and checked, and only then renamed over it. */
    @Override
    public RestoreMode restoreMode(Endpoint endpoint) {
        return RestoreMode.STAGED_SWAP;
    }

    @Override
    public void discardStagedRestore(Endpoint endpoint, TaskContext context) throws IOException {
        FileSwap.discardStaged(database(endpoint), context);
    }

    /** Refuses a path that is relative or not a path at all, before it is saved. */
    @Override
    public void check(Endpoint endpoint) {
        database(endpoint);
    }

    /** Checks that the file exists, can be read and is a SQLite database. */
    @Override
    public String checkConnection(Endpoint endpoint, TaskContext context) {
        return DatabaseFileCheck.check(database(endpoint));
    }

    private static Path database(Endpoint endpoint) {
        String path = endpoint.require("path");
        try {
            Path database = Path.of(path);
            if (!database.isAbsolute()) {
                throw new PluginException("sqlite endpoint field 'path' must be an absolute path, got " + path);
            }
            return database.normalize();
        } catch (InvalidPathException e) {
            throw new PluginException("sqlite endpoint field 'path' is not a valid path: " + path, e);
        }
    }

    /** Downloads are {@code sqlite}: a SQLite database file, as sqlite3 opens it. */
    @Override
    public DownloadFormat downloadFormat(Endpoint endpoint) {
        return SQLITE;
    }
}
