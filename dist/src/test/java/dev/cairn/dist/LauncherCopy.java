package dev.cairn.dist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * The launcher as a user's checkout holds it, copied into a directory of its own: {@code cairn},
 * {@code bin/jdk25} and the packaged jar (the integration-test phase runs after it is built), with
 * no sources beside them, so the launcher never rebuilds.
 */
final class LauncherCopy {
    /** The repository the tests run in (their working directory is the dist module). */
    static final Path REPOSITORY = Path.of("").toAbsolutePath().getParent();

    private LauncherCopy() {
    }

    /** Installs the copy under {@code root} and returns {@code root}. */
    static Path install(Path root) throws IOException {
        Files.createDirectories(root.resolve("dist/target"));
        Files.createDirectories(root.resolve("bin"));
        Files.copy(REPOSITORY.resolve("dist/target/cairn.jar"), root.resolve("dist/target/cairn.jar"));
        for (String script : List.of("cairn", "bin/jdk25")) {
            Files.copy(REPOSITORY.resolve(script), root.resolve(script));
            Files.setPosixFilePermissions(root.resolve(script), PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return root;
    }
}
