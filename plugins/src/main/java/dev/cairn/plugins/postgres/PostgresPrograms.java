package dev.cairn.plugins.postgres;

import dev.cairn.plugin.PluginException;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the PostgreSQL client programs: on the PATH, else in the newest
 * {@code /usr/lib/postgresql/<version>/bin} (where Debian installs them without linking them all).
 *
 * <p>Debian's {@code /usr/bin/pg_dump} and friends are links to {@code pg_wrapper}, a Perl script
 * that picks a version and then runs it from that same directory; the program is taken from there
 * directly, which is what the wrapper does for a server on another host, without a Perl start
 * (a tenth of a second) on every backup. The wrapper is used only when there is nothing else.
 */
final class PostgresPrograms {
    private static final Path VERSIONS = Path.of("/usr/lib/postgresql");

    private PostgresPrograms() {
    }

    /** The path of {@code program}, or a {@link PluginException} saying which package to install. */
    static String path(String program) {
        return onPath(program).filter(found -> !isDebianWrapper(found))
                .or(() -> newestInstalled(program))
                .or(() -> onPath(program))
                .map(Path::toString)
                .orElseThrow(() -> new PluginException(program + " is not installed (looked on the PATH and in "
                        + VERSIONS + "/*/bin): install postgresql-client, as new as the server or newer"));
    }

    private static Optional<Path> onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(directory -> !directory.isEmpty())
                .map(directory -> Path.of(directory, program))
                .filter(PostgresPrograms::isProgram)
                .findFirst();
    }

    private static Optional<Path> newestInstalled(String program) {
        if (!Files.isDirectory(VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(VERSIONS)) {
            return versions
                    .filter(version -> version.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .max(Comparator.comparingDouble(version -> Double.parseDouble(version.getFileName().toString())))
                    .map(version -> version.resolve("bin").resolve(program))
                    .filter(PostgresPrograms::isProgram);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + VERSIONS, e);
        }
    }

    private static boolean isDebianWrapper(Path program) {
        try {
            return program.toRealPath().getFileName().toString().equals("pg_wrapper");
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean isProgram(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate);
    }
}
