package dev.cairn.plugins.postgres;

import dev.cairn.plugin.RestoreMode;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** How a postgres endpoint is backed up and restored: one database, or the whole server. */
sealed interface DumpMode permits SingleDatabase, AllDatabases {

    /** The mode an endpoint asks for: all databases when it names none. */
    static DumpMode of(PgConnection pg) {
        return pg.allDatabases() ? new AllDatabases() : new SingleDatabase();
    }

    void backup(PgConnection pg, OutputStream out, TaskContext context) throws IOException;

    void restore(PgConnection pg, InputStream in, TaskContext context) throws IOException;

    /** Whether {@link #restore} stages beside the live data and swaps it in, or replays in place. */
    RestoreMode restoreMode();

    /** Removes what a stopped restore staged and never swapped in; nothing to do for an in-place mode. */
    void discardStaged(PgConnection pg, TaskContext context) throws IOException;
}
