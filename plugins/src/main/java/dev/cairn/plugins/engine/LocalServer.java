package dev.cairn.plugins.engine;

import dev.cairn.plugin.EngineHome;
import dev.cairn.plugin.PluginException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Helpers for a data system an engine runs from an {@link EngineHome}: its programs run as the home's
 * account (through {@code runuser} when that is not this process's user), the files it uses belong
 * to that account, and it is alive when its pid file names a live process of the right program.
 */
public final class LocalServer {
    private static final int CONNECT_MILLIS = 1000;
    private static final List<Path> RUNUSER = List.of(Path.of("/usr/sbin/runuser"), Path.of("/sbin/runuser"),
            Path.of("/usr/bin/runuser"));

    private LocalServer() {
    }

    /** {@code command}, run as {@code home}'s account: prefixed with {@code runuser -u ACCOUNT --} when one is named. */
    public static List<String> asAccount(EngineHome home, List<String> command) {
        if (home.account().isEmpty()) {
            return List.copyOf(command);
        }
        String runuser = RUNUSER.stream().filter(Files::isExecutable).findFirst().map(Path::toString)
                .orElseThrow(() -> new PluginException("runuser is not installed (install util-linux): it is needed to run"
                        + " the data system as account " + home.account()));
        List<String> wrapped = new ArrayList<>(List.of(runuser, "-u", home.account(), "--"));
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Fails with a readable line when {@code home}'s account could not enter its directory because a
     * directory above it is closed to others (a 0700 data directory, say); nothing to check without one.
     */
    public static void requireReachable(EngineHome home) throws IOException {
        if (home.account().isEmpty()) {
            return;
        }
        Path directory = home.directory().toAbsolutePath();
        for (Path parent = directory.getParent(); parent != null; parent = parent.getParent()) {
            if (!Files.exists(parent)) {
                continue;
            }
            boolean othersEnter = Files.getPosixFilePermissions(parent).contains(PosixFilePermission.OTHERS_EXECUTE);
            boolean owned = Files.getOwner(parent).getName().equals(home.account());
            if (!othersEnter && !owned) {
                throw new PluginException("account " + home.account() + " cannot reach " + directory + ": " + parent
                        + " is closed to other users (" + PosixFilePermissions.toString(Files.getPosixFilePermissions(parent))
                        + "); keep images and instances under directories others may enter (o+x)");
            }
        }
    }

    /**
     * Readies {@code home} for a new data system: its parents reachable by the account, its directory
     * made and given to the account with {@code socketDirectory}, and {@code data} absent or empty
     * (one that holds files is refused, naming it).
     */
    public static void prepareEmptyHome(EngineHome home, Path data, Path socketDirectory) throws IOException {
        requireReachable(home);
        Files.createDirectories(home.directory());
        if (Files.exists(data)) {
            try (java.util.stream.Stream<Path> entries = Files.list(data)) {
                if (entries.findAny().isPresent()) {
                    throw new PluginException(data + " already holds a data directory");
                }
            }
        }
        ownedDirectory(home, home.directory());
        ownedDirectory(home, socketDirectory);
    }

    /** Creates {@code directory} (mode 0700) if missing and hands it to {@code home}'s account. */
    public static Path ownedDirectory(EngineHome home, Path directory) throws IOException {
        if (!Files.isDirectory(directory, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(directory);
        }
        Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        own(home, directory);
        return directory;
    }

    /** Writes {@code text} to {@code file} (mode 0600) and hands it to {@code home}'s account. */
    public static void ownedFile(EngineHome home, Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        own(home, file);
    }

    /** Hands {@code path} (not what is under it) to {@code home}'s account; nothing to do without one. */
    public static void own(EngineHome home, Path path) throws IOException {
        if (home.account().isEmpty()) {
            return;
        }
        UserPrincipal user;
        try {
            user = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(home.account());
        } catch (IOException e) {
            throw new PluginException("there is no account " + home.account() + " to run the data system as", e);
        }
        Files.setOwner(path, user);
    }

    /**
     * The pid in the first line of {@code pidFile} when that process is alive and its program's
     * name ends with {@code program}; empty otherwise (no file, a stale one, another program).
     */
    public static Optional<ProcessHandle> process(Path pidFile, String program) {
        try {
            if (!Files.isRegularFile(pidFile)) {
                return Optional.empty();
            }
            List<String> lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.getFirst().isBlank()) {
                return Optional.empty();
            }
            long pid = Long.parseLong(lines.getFirst().trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> handle.info().command().map(command -> command.endsWith(program)).orElse(true));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Whether something accepts TCP connections on {@code home}'s address within a second. */
    public static boolean answers(EngineHome home) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(connectHost(home.host()), home.port()), CONNECT_MILLIS);
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** Where a client on this machine reaches a server listening on {@code host} (a wildcard means loopback). */
    public static String connectHost(String host) {
        return switch (host) {
            case "", "*", "0.0.0.0" -> "127.0.0.1";
            case "::" -> "::1";
            default -> host;
        };
    }

    /**
     * The lines of {@code log} since {@code offset} (its size before a start) that say why the
     * server did not come up ({@code FATAL}, {@code ERROR}, {@code PANIC}), joined on one line; the
     * last line when none does.
     */
    public static String whyNotStarted(Path log, long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log.toFile(), "r")) {
            long start = Math.max(offset, file.length() - 64 * 1024);
            file.seek(Math.max(0, start));
            byte[] bytes = new byte[(int) (file.length() - Math.max(0, start))];
            file.readFully(bytes);
            List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
            List<String> errors = lines.stream()
                    .filter(line -> line.contains("FATAL") || line.contains("ERROR") || line.contains("PANIC"))
                    .map(String::strip).toList();
            if (!errors.isEmpty()) {
                return String.join(" / ", errors.subList(Math.max(0, errors.size() - 3), errors.size()));
            }
            return lines.isEmpty() ? "(nothing in " + log + ")" : lines.getLast().strip();
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    /** The size of {@code file}, 0 when it does not exist. */
    public static long size(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.size(file) : 0;
        } catch (IOException e) {
            return 0;
        }
    }
}
