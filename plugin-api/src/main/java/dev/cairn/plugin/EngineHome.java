package dev.cairn.plugin;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where an {@link Engine} keeps one data system and how it is reached: {@code directory} is Cairn's
 * (the engine puts its data directory, socket, log and pid file under it, and nothing outside it);
 * {@code host} and {@code port} are what it listens on; {@code account} is the operating-system user
 * the data system runs as, empty for this process's own user (a server running as root must name one,
 * since PostgreSQL and MariaDB refuse to run as root).
 */
public record EngineHome(Path directory, String host, int port, String account) {
    public EngineHome {
        Objects.requireNonNull(directory, "directory");
        Objects.requireNonNull(host, "host");
        account = account == null ? "" : account;
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not between 1 and 65535");
        }
    }

    /** The same home listening on {@code otherPort}. */
    public EngineHome withPort(int otherPort) {
        return new EngineHome(directory, host, otherPort, account);
    }

    /** The same settings for a home at {@code otherDirectory} (a clone). */
    public EngineHome at(Path otherDirectory) {
        return new EngineHome(otherDirectory, host, port, account);
    }
}
