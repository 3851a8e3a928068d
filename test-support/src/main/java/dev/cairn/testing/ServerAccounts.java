package dev.cairn.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * For tests that hand a server's directories to an engine: the account the server must run as, and
 * a directory that account can reach.
 */
public final class ServerAccounts {
    private ServerAccounts() {
    }

    /**
     * The first of {@code candidates} that exists when the tests run as root (PostgreSQL and MariaDB
     * refuse root), else the empty string, which means the current user.
     */
    public static String forServers(String... candidates) {
        if (!"root".equals(System.getProperty("user.name"))) {
            return "";
        }
        Binaries.require("runuser", "util-linux");
        for (String name : List.of(candidates)) {
            if (LocalCommand.run(List.of("id", "-u", name), Path.of("/"), java.time.Duration.ofSeconds(10)).succeeded()) {
                return name;
            }
        }
        throw new IllegalStateException("tests run as root, but none of the accounts " + List.of(candidates) + " exists");
    }

    /** A new empty directory under {@code /tmp}, mode 0755, that any account can enter; the caller deletes it. */
    public static Path reachableDirectory(String prefix) {
        try {
            Path directory = Files.createTempDirectory(Path.of("/tmp"), prefix);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
            return directory;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a directory in /tmp", e);
        }
    }

    /** Deletes {@code directory} and everything under it. */
    public static void delete(Path directory) {
        ServerFiles.deleteTree(directory);
    }
}
