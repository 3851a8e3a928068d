package dev.cairn.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What the throw-away servers do with their temporary directories: read their log, delete them. */
final class ServerFiles {
    private ServerFiles() {
    }

    /** Deletes {@code root} and everything under it; a tree already gone is fine. */
    static void deleteTree(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(path);
            }
        } catch (NoSuchFileException e) {
            // already gone
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + root, e);
        }
    }

    /** The server's log, for a failure message; says so when there is none or it cannot be read. */
    static String readLog(Path log) {
        try {
            return Files.isRegularFile(log) ? Files.readString(log) : "(no server log)";
        } catch (IOException e) {
            return "(cannot read the server log: " + e.getMessage() + ")";
        }
    }
}
