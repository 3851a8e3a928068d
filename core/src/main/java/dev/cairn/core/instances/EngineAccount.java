package dev.cairn.core.instances;

import dev.cairn.core.CairnException;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalNotFoundException;
import java.util.List;
import java.util.stream.Stream;

/**
 * The operating-system account engines run as, and handing directories to it. A server running as
 * root must use another account (PostgreSQL and MariaDB refuse root): by default the first of
 * {@code postgres} and {@code nobody} that exists. A server running as anyone else runs engines as itself.
 */
final class EngineAccount {
    private static final List<String> CANDIDATES = List.of("postgres", "nobody");
    private final String name;
    private final UserPrincipal user;

    private EngineAccount(String name, UserPrincipal user) {
        this.name = name;
        this.user = user;
    }

    /** The account {@link InstanceSettings#defaults()} names: "" unless this process runs as root. */
    static String defaultName() {
        if (!root()) {
            return "";
        }
        for (String candidate : CANDIDATES) {
            if (lookup(candidate) != null) {
                return candidate;
            }
        }
        return "";
    }

    static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** The account {@code name} ("": this process's user); one that does not exist is refused naming it. */
    static EngineAccount of(String name) {
        if (name == null || name.isEmpty()) {
            return new EngineAccount("", null);
        }
        UserPrincipal user = lookup(name);
        if (user == null) {
            throw new CairnException.InvalidInput("instance_account '" + name + "' is not an account of this system");
        }
        return new EngineAccount(name, user);
    }

    private static UserPrincipal lookup(String name) {
        try {
            return FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(name);
        } catch (UserPrincipalNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new CairnException.Failure("cannot look up account " + name + ": " + e.getMessage(), e);
        }
    }

    /** The name {@link dev.cairn.plugin.EngineHome#account()} takes. */
    String name() {
        return name;
    }

    /** Whether engines run as another account than this process's. */
    boolean other() {
        return user != null;
    }

    /** Hands {@code tree} and everything in it to the account (nothing to do for this process's own user). */
    void own(Path tree) throws IOException {
        if (user == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(tree)) {
            for (Path path : (Iterable<Path>) paths::iterator) {
                Files.setOwner(path, user);
            }
        }
    }

    /** Hands {@code directory} alone to the account. */
    void ownDirectory(Path directory) throws IOException {
        if (user != null && !Files.getOwner(directory, LinkOption.NOFOLLOW_LINKS).equals(user)) {
            Files.setOwner(directory, user);
        }
    }

    @Override
    public String toString() {
        return user == null ? "this server's own user" : "account " + name;
    }
}
