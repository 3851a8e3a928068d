package dev.cairn.plugin;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * A directory only Cairn's user may enter (mode 0700), for the files a data-system tool must read
 * a secret from, such as a MySQL option file: {@link TaskContext#privateDirectory()} names it.
 *
 * <p>The server keeps it at {@code <data>/private} and the agent in its own state directory; both
 * {@link #prepare} it at start, which removes what a killed task left there, so that a password
 * file never outlives a restart.
 *
 * @param path      the directory
 * @param leftovers the names of what {@link #prepare} removed from it (what a crash left behind)
 */
public record PrivateDirectory(Path path, List<String> leftovers) {
    /** Mode 0700. */
    public static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rwx------");
    /** Mode 0600, for files. */
    public static final Set<PosixFilePermission> OWNER_READ_WRITE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    public PrivateDirectory {
        leftovers = List.copyOf(leftovers);
    }

    /**
     * Creates {@code directory} (and missing parents) mode 0700 whatever the umask, tightens it to
     * 0700 when it exists, and empties it.
     *
     * @throws PluginException when it cannot, or when it is a symbolic link or belongs to another user
     */
    public static PrivateDirectory prepare(Path directory) {
        try {
            Path dir = ownerOnly(directory);
            List<String> removed = new ArrayList<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    deleteTree(entry);
                    removed.add(entry.getFileName().toString());
                }
            }
            return new PrivateDirectory(dir, removed.stream().sorted().toList());
        } catch (IOException e) {
            throw new PluginException("cannot prepare the private directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /**
     * The private directory of contexts that have no data directory: {@code cairn-<user>-private}
     * under the system temporary directory, created 0700 and never emptied (other processes of
     * this user may be using it).
     */
    static Path fallback() {
        Path directory = Path.of(System.getProperty("java.io.tmpdir"),
                "cairn-" + System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_") + "-private");
        try {
            return ownerOnly(directory);
        } catch (IOException e) {
            throw new PluginException("cannot prepare the private directory " + directory + ": " + e.getMessage(), e);
        }
    }

    /** {@code directory}, made to exist with mode 0700 and to belong to this process's user. */
    private static Path ownerOnly(Path directory) throws IOException {
        Path dir = directory.toAbsolutePath();
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        }
        if (Files.isSymbolicLink(dir) || !Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new IOException("it is not a directory (or is a symbolic link)");
        }
        // set explicitly: createDirectories' mode is narrowed by the umask, and an existing one may be wider;
        // only the owner may change a mode, so this also refuses a directory another user planted
        Files.setPosixFilePermissions(dir, OWNER_ONLY);
        return dir;
    }

    private static void deleteTree(Path entry) throws IOException {
        if (!Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            Files.deleteIfExists(entry);
            return;
        }
        Files.walkFileTree(entry, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException failure) throws IOException {
                if (failure != null) {
                    throw failure;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
