package dev.cairn.core;

import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PrivateDirectory;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The core's data directory, for Cairn's user only: created 0700 whatever the umask, and at every
 * start tightened to 0700 with every entry in it stripped of group and other permissions (so
 * {@code catalog.db} and SQLite's {@code -wal} and {@code -shm} are 0600), saying in the server
 * log what it changed. Its {@code private} directory, where tools read secrets from files, is
 * emptied at start.
 *
 * <p>Only the directory's own entries are tightened: deeper ones cannot be reached by other users
 * through a 0700 directory.
 */
public final class DataDirectory {
    /** Where {@link dev.cairn.plugin.TaskContext#privateDirectory()} points on this server. */
    public static final String PRIVATE = "private";
    /** Where images live, {@code <data>/images/ID}. */
    public static final String IMAGES = "images";
    /** Where instances live, {@code <data>/instances/ID}. */
    public static final String INSTANCES = "instances";
    /** Where sanitise tasks run their scratch engines, {@code <data>/scratch/TASK}. */
    public static final String SCRATCH = "scratch";
    /**
     * The mode of the data directory and of {@link #IMAGES} and {@link #INSTANCES} when engines run as
     * another account: others may pass through to the homes handed to them, but list nothing.
     */
    private static final Set<PosixFilePermission> PASS_THROUGH = PosixFilePermissions.fromString("rwx--x--x");
    private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_EXECUTE);
    private static final List<String> CATALOG_FILES = List.of("catalog.db", "catalog.db-wal", "catalog.db-shm",
            "catalog.db-journal");

    private final Path path;
    private final Path privateDirectory;

    private DataDirectory(Path path, Path privateDirectory) {
        this.path = path;
        this.privateDirectory = privateDirectory;
    }

    /**
     * Creates or tightens {@code directory} as the class comment says, creates an empty
     * {@code catalog.db} 0600 when {@code sqliteCatalog} and there is none (SQLite's {@code -wal}
     * and {@code -shm} then take its mode), and empties {@code private}.
     */
    public static DataDirectory open(Path directory, boolean sqliteCatalog) {
        Path dir = directory.toAbsolutePath();
        try {
            if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PrivateDirectory.OWNER_ONLY));
            }
            tighten(dir, true);
            Path catalog = dir.resolve(CATALOG_FILES.getFirst());
            if (sqliteCatalog && !Files.exists(catalog, LinkOption.NOFOLLOW_LINKS)) {
                Files.createFile(catalog, PosixFilePermissions.asFileAttribute(PrivateDirectory.OWNER_READ_WRITE));
                Files.setPosixFilePermissions(catalog, PrivateDirectory.OWNER_READ_WRITE);
            }
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
                for (Path entry : entries) {
                    String name = entry.getFileName().toString();
                    tighten(entry, name.equals(IMAGES) || name.equals(INSTANCES) || name.equals(SCRATCH));
                }
            }
        } catch (IOException e) {
            throw new CairnException.Failure("cannot make the data directory " + dir + " private to this user: "
                    + e.getMessage(), e);
        }
        PrivateDirectory prepared;
        try {
            prepared = PrivateDirectory.prepare(dir.resolve(PRIVATE));
        } catch (PluginException e) {
            throw new CairnException.Failure(e.getMessage(), e);
        }
        if (!prepared.leftovers().isEmpty()) {
            LOG.warn("removed {} file(s) a stopped task left in {}: {}", prepared.leftovers().size(), prepared.path(),
                    String.join(", ", prepared.leftovers()));
        }
        removeOldOptionFiles(dir);
        return new DataDirectory(dir, prepared.path());
    }

    public Path path() {
        return path;
    }

    /** {@code <data>/private}, 0700, emptied at start: the tasks' {@link dev.cairn.plugin.TaskContext#privateDirectory()}. */
    public Path privateDirectory() {
        return privateDirectory;
    }

    /**
     * Tightens the SQLite catalog's files again once the catalog is open: SQLite creates
     * {@code -wal} and {@code -shm} itself (with the database's mode), and this sets them whatever it did.
     */
    public void tightenCatalogFiles() {
        for (String name : CATALOG_FILES) {
            Path file = path.resolve(name);
            try {
                if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
                    tighten(file, false);
                }
            } catch (IOException e) {
                throw new CairnException.Failure("cannot make " + file + " private to this user: " + e.getMessage(), e);
            }
        }
    }

    /**
     * Opens {@code directory} (the data directory, or its images or instances directory) to others for
     * passing through only ({@code rwx--x--x}), so that the account engines run as reaches the homes
     * handed to it; what is in it keeps its own modes. A start leaves that mode as it is.
     */
    public static void letThrough(Path directory) throws IOException {
        if (!Files.getPosixFilePermissions(directory, LinkOption.NOFOLLOW_LINKS).equals(PASS_THROUGH)) {
            Files.setPosixFilePermissions(directory, PASS_THROUGH);
        }
    }

    /**
     * Strips group and other permissions from {@code entry} (never following a link), and logs it when they
     * were set; {@code passThrough} leaves {@link #letThrough}'s mode as it is.
     */
    private static void tighten(Path entry, boolean passThrough) throws IOException {
        if (Files.isSymbolicLink(entry)) {
            return;
        }
        Set<PosixFilePermission> before = Files.getPosixFilePermissions(entry, LinkOption.NOFOLLOW_LINKS);
        if (passThrough && before.equals(PASS_THROUGH) && Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Set<PosixFilePermission> after = EnumSet.noneOf(PosixFilePermission.class);
        after.addAll(before);
        after.removeAll(OTHERS);
        if (Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
            after.addAll(PrivateDirectory.OWNER_ONLY);
        }
        if (!after.equals(before)) {
            Files.setPosixFilePermissions(entry, after);
            LOG.warn("{} was open to other users ({}); made it {}", entry, PosixFilePermissions.toString(before),
                    PosixFilePermissions.toString(after));
        }
    }

    /**
     * Removes the MySQL option files (they hold a password) that versions before the private
     * directory left in the system temporary directory when they were killed; only this user's.
     */
    private static void removeOldOptionFiles(Path dataDir) {
        Path temporary = Path.of(System.getProperty("java.io.tmpdir"));
        List<String> removed = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(temporary, "cairn-mysql-*.cnf")) {
            UserPrincipal me = Files.getOwner(dataDir);
            for (Path file : files) {
                if (Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) && Files.getOwner(file, LinkOption.NOFOLLOW_LINKS).equals(me)) {
                    Files.deleteIfExists(file);
                    removed.add(file.getFileName().toString());
                }
            }
        } catch (IOException e) {
            LOG.warn("cannot look for old MySQL option files in {}: {}", temporary, e.getMessage());
        }
        if (!removed.isEmpty()) {
            LOG.warn("removed {} MySQL option file(s) an earlier version left in {}: {}", removed.size(), temporary,
                    String.join(", ", removed));
        }
    }
}
