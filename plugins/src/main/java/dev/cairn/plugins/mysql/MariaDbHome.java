package dev.cairn.plugins.mysql;

import dev.cairn.plugin.EngineHome;
import dev.cairn.plugin.PluginException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Where a {@link MariaDbEngine} keeps one server inside its {@link EngineHome}: {@code data/}, and
 * in a 0700 directory {@code run/} its socket and pid file; its log is {@code mariadbd.log}.
 */
record MariaDbHome(EngineHome home) {
    private static final int SOCKET_PATH_LIMIT = 107;

    Path directory() {
        return home.directory().toAbsolutePath();
    }

    Path data() {
        return directory().resolve("data");
    }

    Path run() {
        return directory().resolve("run");
    }

    Path socket() {
        return run().resolve("mariadbd.sock");
    }

    Path pidFile() {
        return run().resolve("mariadbd.pid");
    }

    Path log() {
        return directory().resolve("mariadbd.log");
    }

    /** Where the detached server's own stdout and stderr go (next to nothing: it logs to {@link #log}). */
    Path output() {
        return directory().resolve("mariadbd.out");
    }

    void requireShortSocketPath() {
        if (socket().toString().getBytes(StandardCharsets.UTF_8).length > SOCKET_PATH_LIMIT) {
            throw new PluginException("the home " + directory() + " is too deep for a Unix socket (" + socket()
                    + " is longer than " + SOCKET_PATH_LIMIT + " bytes): use a shorter instances directory");
        }
    }
}
