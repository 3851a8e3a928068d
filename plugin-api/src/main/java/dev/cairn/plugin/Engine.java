package dev.cairn.plugin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * Runs a data system from files Cairn owns, so that an archive can become a database a developer
 * connects to: an image is a stopped, sealed {@link EngineHome} an archive was loaded into; an
 * instance is a copy-on-write clone of one, started on its own port.
 *
 * <p>Found through {@link java.util.ServiceLoader}, one per data system, beside the
 * {@link TargetPlugin} whose archives it loads ({@link #plugin}). Every call is given the
 * {@link EngineHome} it works on and keeps no state of its own between calls, so a restarted
 * server can go on with a home an earlier one made. The engine's superuser is reached only through
 * the home's own Unix socket, never over TCP; over TCP only the role {@link #grant} made may sign in.
 */
public interface Engine {

    /** The name of the target plugin whose archives this engine loads ({@code postgres}, {@code mysql}). */
    String plugin();

    /**
     * Whether {@code raw}'s kind of backup (an archive taken from {@code endpoint}) can be loaded by
     * {@link #load}; a readable reason when it cannot (a {@code pg_dumpall} script, say), else empty.
     */
    default String refuses(Endpoint endpoint) {
        return "";
    }

    /** Creates an empty, stopped data system in {@code home}'s empty data directory (initdb). */
    void initialise(EngineHome home, TaskContext context) throws IOException;

    /**
     * Starts the data system of {@code home}, listening on {@code home.host():home.port()} and on its
     * own socket, detached so that it outlives this server; returns once it answers queries. Starting
     * one that already runs is a no-op.
     */
    void start(EngineHome home, TaskContext context) throws IOException;

    /**
     * Loads a backup stream of this engine's plugin into the running data system, to the stream's
     * end; may use settings that are only safe for a throw-away load (no fsync). A failure of
     * {@code raw} must fail the load.
     */
    void load(EngineHome home, InputStream raw, TaskContext context) throws IOException;

    /** A backup stream that can be opened more than once (each open reads it from its start). */
    interface Source {
        InputStream open() throws IOException;
    }

    /** Rewrites a load's data as it streams into the engine. */
    interface DataRewrite {
        /**
         * The archive's whole schema (tables, keys, constraints; no rows) is loaded in database
         * {@code probe}, which is dropped once this returns; returns the filter the data section
         * (an SQL script of COPY blocks) streams through, or throws to stop the load before any
         * row is loaded.
         */
        DataFilter schemaLoaded(String probe) throws IOException;
    }

    /** Copies a data script from {@code in} to {@code out}, rewriting what it must. */
    interface DataFilter {
        void filter(InputStream in, OutputStream out) throws IOException;
    }

    /** Whether {@link #load(EngineHome, Source, DataRewrite, TaskContext)} is supported. */
    default boolean rewritesData() {
        return false;
    }

    /**
     * Loads a throw-away copy with its data rewritten as it streams in: the archive's schema first
     * (shown to {@code rewrite} in a probe database), then the data through {@code rewrite}'s
     * filter, then indexes and constraints, built once on the rewritten rows. For scratch copies
     * only: fsync stays off and nothing is synced. Reads {@code source} more than once; a damaged
     * archive fails the load.
     */
    default void load(EngineHome home, Source source, DataRewrite rewrite, TaskContext context) throws IOException {
        throw new PluginException(plugin() + " cannot rewrite data as it loads");
    }

    /** Runs {@code script} (SQL, as the superuser), stopping at its first error, which it throws. */
    void runScript(EngineHome home, String script, TaskContext context) throws IOException;

    /**
     * Rewrites what {@link #runScript} changed so that no earlier row versions stay in the files
     * ({@code VACUUM FULL}, {@code OPTIMIZE TABLE}) and refreshes the planner's statistics.
     */
    void compact(EngineHome home, TaskContext context) throws IOException;

    /**
     * Makes {@code access.user()} a role that is not a superuser, owns every loaded database and may
     * sign in over TCP with {@code access.password()} only, replacing any password the archive brought
     * for it; returns the loaded databases, the first being the one to connect to by default.
     */
    List<String> grant(EngineHome home, EngineAccess access, TaskContext context) throws IOException;

    /** Stops the data system cleanly (its files are consistent afterwards); a stopped one is a no-op. */
    void stop(EngineHome home, TaskContext context) throws IOException;

    /** Whether the data system of {@code home} runs and answers on its port. Quick; never throws. */
    boolean running(EngineHome home);

    /**
     * How many client connections the running data system of {@code home} has now, other than the
     * one this call makes; -1 when the engine cannot tell. Cairn samples it to stop instances nobody
     * has used for longer than the idle timeout.
     */
    default int clients(EngineHome home, TaskContext context) throws IOException {
        return -1;
    }
}
