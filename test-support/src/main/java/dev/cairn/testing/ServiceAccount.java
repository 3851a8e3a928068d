package dev.cairn.testing;

import com.sun.security.auth.module.UnixSystem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileOwnerAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The operating-system account a throw-away server runs as: the current user, or, when the tests
 * run as root, a service account (by default {@code postgres}, else {@code nobody}) through
 * {@code runuser}, because servers such as PostgreSQL and MariaDB refuse to run as root.
 */
final class ServiceAccount {
    private static final List<String> CANDIDATES = List.of("postgres", "nobody");

    private final UserPrincipal user;
    private final Path runuser;

    private ServiceAccount(UserPrincipal user, Path runuser) {
        this.user = user;
        this.runuser = runuser;
    }

    /** The account to run servers as; aborts (or fails under CI) when root has no way to switch user. */
    static ServiceAccount forServers() {
        return forServers(CANDIDATES);
    }

    /** The account to run servers as, the first of {@code candidates} that exists when the tests run as root. */
    static ServiceAccount forServers(List<String> candidates) {
        if (new UnixSystem().getUid() != 0) {
            return new ServiceAccount(null, null);
        }
        Path runuser = Binaries.require("runuser", "util-linux");
        var lookup = FileSystems.getDefault().getUserPrincipalLookupService();
        for (String name : candidates) {
            try {
                return new ServiceAccount(lookup.lookupPrincipalByName(name), runuser);
            } catch (UserPrincipalNotFoundException e) {
                // try the next candidate
            } catch (IOException e) {
                throw new UncheckedIOException("cannot look up account " + name, e);
            }
        }
        throw new IllegalStateException("tests run as root, but none of the accounts " + candidates
                + " exists to run servers as");
    }

    /**
     * Creates an empty temporary directory that this account can be given: under
     * {@code java.io.tmpdir}, or under {@code /tmp} when another account could not reach into that.
     */
    Path createDirectory(String prefix) {
        Path base = Path.of(System.getProperty("java.io.tmpdir"));
        if (user != null && !reachableByAll(base)) {
            base = Path.of("/tmp");
        }
        try {
            return Files.createTempDirectory(base, prefix);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary directory in " + base, e);
        }
    }

    private static boolean reachableByAll(Path directory) {
        try {
            for (Path path = directory.toRealPath(); path != null; path = path.getParent()) {
                if (!Files.getPosixFilePermissions(path).contains(PosixFilePermission.OTHERS_EXECUTE)) {
                    return false;
                }
            }
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** {@code command}, prefixed so that it runs as this account. */
    List<String> command(List<String> command) {
        if (user == null) {
            return List.copyOf(command);
        }
        List<String> wrapped = new ArrayList<>(List.of(runuser.toString(), "-u", user.getName(), "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /** Hands {@code tree} and everything under it to this account (nothing to do when it is the current user). */
    void own(Path tree) {
        if (user == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.getFileAttributeView(path, FileOwnerAttributeView.class, LinkOption.NOFOLLOW_LINKS).setOwner(user);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot hand " + tree + " to account " + user.getName(), e);
        }
    }

    @Override
    public String toString() {
        return user == null ? "the current user" : "account " + user.getName();
    }
}
