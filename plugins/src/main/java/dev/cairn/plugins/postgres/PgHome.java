package dev.cairn.plugins.postgres;

import dev.cairn.plugin.EngineHome;
import dev.cairn.plugin.PluginException;
import java.nio.file.Path;

/**
 * Where a {@link PostgresEngine} keeps one cluster inside its {@link EngineHome}: {@code data/} (the
 * data directory, with {@code postmaster.pid}), {@code socket/} (0700, the only way in for the
 * superuser) and {@code postgres.log}; and how the client tools reach it through that socket.
 */
record PgHome(EngineHome home) {
    /** The bootstrap superuser (initdb's); it can never sign in over TCP. */
    static final String SUPERUSER = "postgres";
    /**
     * The superuser loads and scripts run as, so that whatever they create can be handed over with
     * REASSIGN OWNED (which the bootstrap superuser's objects refuse); socket only, like SUPERUSER.
     */
    static final String LOADER = "cairn_loader";
    /** A Unix socket's path must fit in sockaddr_un.sun_path (108 bytes with its terminator). */
    private static final int SOCKET_PATH_LIMIT = 107;

    Path directory() {
        return home.directory().toAbsolutePath();
    }

    Path data() {
        return directory().resolve("data");
    }

    Path socketDirectory() {
        return directory().resolve("socket");
    }

    Path log() {
        return directory().resolve("postgres.log");
    }

    Path pidFile() {
        return data().resolve("postmaster.pid");
    }

    /** Fails with a readable line when the socket's path would be too long for the kernel. */
    void requireShortSocketPath() {
        String socket = socketDirectory().resolve(".s.PGSQL." + home.port()).toString();
        if (socket.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > SOCKET_PATH_LIMIT) {
            throw new PluginException("the home " + directory() + " is too deep for a Unix socket (" + socket.length()
                    + " bytes, at most " + SOCKET_PATH_LIMIT + "): use a shorter instances directory");
        }
    }

    /** A client connection as {@code user} to {@code database}, through the home's socket. */
    PgConnection as(String user, String database) {
        return new PgConnection(socketDirectory().toString(), home.port(), user, "", database);
    }

    PgConnection superuser() {
        return as(SUPERUSER, "postgres");
    }
}
