package dev.cairn.plugins.mysql;

import dev.cairn.plugin.PluginException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the dump and client programs on the PATH: MariaDB's names first, MySQL's when only those
 * are installed (both speak to either server).
 */
final class ClientPrograms {
    private static final List<String> DUMPERS = List.of("mariadb-dump", "mysqldump");
    private static final List<String> CLIENTS = List.of("mariadb", "mysql");

    private ClientPrograms() {
    }

    /** The path of mariadb-dump, else mysqldump. */
    static String dump() {
        return first(DUMPERS);
    }

    /** The path of the mariadb client, else mysql. */
    static String client() {
        return first(CLIENTS);
    }

    private static String first(List<String> names) {
        return names.stream().map(ClientPrograms::onPath).flatMap(Optional::stream).findFirst()
                .map(Path::toString)
                .orElseThrow(() -> new PluginException("neither " + String.join(" nor ", names)
                        + " is installed (looked on the PATH): install mariadb-client (or mysql-client)"));
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, program))
                .filter(candidate -> Files.isRegularFile(candidate) && Files.isExecutable(candidate))
                .findFirst();
    }
}
