package dev.cairn.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the installed programs a test needs, on the PATH or in {@code /usr/lib/postgresql/<version>/bin}.
 *
 * <p>A missing program skips the test with a message naming the Debian package to install, except
 * when the environment variable {@code CI} is set: then it fails, so that CI cannot pass by skipping.
 */
public final class Binaries {
    private static final Path POSTGRES_VERSIONS = Path.of("/usr/lib/postgresql");

    private Binaries() {
    }

    /**
     * The path of {@code program}; when it is not installed the test is aborted (skipped), or fails
     * under CI, with a message saying to install {@code debianPackage}.
     */
    public static Path require(String program, String debianPackage) {
        Optional<Path> found = find(program);
        if (found.isPresent()) {
            return found.get();
        }
        String message = program + " not installed: apt-get install " + debianPackage;
        String ci = System.getenv("CI");
        if (ci != null && !ci.isEmpty()) {
            throw new AssertionError(message + " (CI is set, so a missing program fails the test instead of skipping it)");
        }
        return Assumptions.abort(message);
    }

    /** The path of {@code program} on the PATH, else in the newest {@code /usr/lib/postgresql/<version>/bin}. */
    public static Optional<Path> find(String program) {
        String path = System.getenv("PATH");
        if (path != null) {
            for (String directory : path.split(File.pathSeparator)) {
                if (!directory.isEmpty() && isProgram(Path.of(directory, program))) {
                    return Optional.of(Path.of(directory, program));
                }
            }
        }
        return newestPostgresBin().map(bin -> bin.resolve(program)).filter(Binaries::isProgram);
    }

    private static Optional<Path> newestPostgresBin() {
        if (!Files.isDirectory(POSTGRES_VERSIONS)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(POSTGRES_VERSIONS)) {
            return versions
                    .filter(v -> v.getFileName().toString().matches("\\d+(\\.\\d+)?"))
                    .max(Comparator.comparingDouble(v -> Double.parseDouble(v.getFileName().toString())))
                    .map(v -> v.resolve("bin"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + POSTGRES_VERSIONS, e);
        }
    }

    private static boolean isProgram(Path candidate) {
        return Files.isRegularFile(candidate) && Files.isExecutable(candidate);
    }
}
