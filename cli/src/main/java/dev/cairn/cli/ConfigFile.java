package dev.cairn.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * The CLI's own settings, {@code ${XDG_CONFIG_HOME:-~/.config}/cairn/config.toml}: the server
 * {@code cairn login} signed in to ({@code url}) and the API token it made there ({@code token},
 * {@code token_uuid}).
 *
 * <p>The file holds a secret, so it is written readable by its owner alone (0600, in a directory
 * of mode 0700), and atomically: a new file next to it, renamed over it, so that a reader never
 * sees half a file. Keys it does not know are kept as they were.
 */
final class ConfigFile {

    static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");
    private static final String HEADER = "# Written by 'cairn login'. It holds an API token: keep it to yourself.\n";

    /** What {@code cairn login} keeps: the server and the token made there; {@code tokenUuid} may be null. */
    record Login(String url, String token, String tokenUuid) {
    }

    private final Path file;

    ConfigFile(Path file) {
        this.file = file;
    }

    /**
     * The file of {@code env}: under {@code XDG_CONFIG_HOME}, else under {@code HOME/.config};
     * empty when the environment names neither.
     */
    static Optional<ConfigFile> of(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Optional.of(new ConfigFile(Path.of(xdg, "cairn", "config.toml")));
        }
        String home = env.get("HOME");
        if (home != null && !home.isBlank()) {
            return Optional.of(new ConfigFile(Path.of(home, ".config", "cairn", "config.toml")));
        }
        return Optional.empty();
    }

    Path path() {
        return file;
    }

    /** The login kept in the file; empty when there is no file or it holds no token. */
    Optional<Login> login() {
        Map<String, Object> values = read();
        if (!(values.get("token") instanceof String token) || token.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new Login(values.get("url") instanceof String url ? url : null, token.strip(),
                values.get("token_uuid") instanceof String uuid ? uuid : null));
    }

    /** Keeps {@code login}, replacing the one kept before. */
    void save(Login login) {
        Map<String, Object> values = read();
        values.put("url", login.url());
        values.put("token", login.token());
        if (login.tokenUuid() == null) {
            values.remove("token_uuid");
        } else {
            values.put("token_uuid", login.tokenUuid());
        }
        write(values);
    }

    /** Takes the login out of the file, keeping the rest; a file left empty is removed. */
    void forget() {
        Map<String, Object> values = read();
        values.remove("url");
        values.remove("token");
        values.remove("token_uuid");
        if (values.isEmpty()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new CliException("cannot remove " + file + ": " + e, e);
            }
        } else {
            write(values);
        }
    }

    /** Whether two server URLs name the same server, trailing slashes aside. */
    static boolean sameServer(String kept, URI url) {
        return kept != null && Connection.stripTrailingSlashes(kept.strip()).equals(url.toString());
    }

    private Map<String, Object> read() {
        if (!Files.isRegularFile(file)) {
            return new LinkedHashMap<>();
        }
        try {
            Map<String, Object> values = new TomlMapper().readValue(Files.readString(file),
                    new TypeReference<LinkedHashMap<String, Object>>() {
                    });
            return values == null ? new LinkedHashMap<>() : values;
        } catch (IOException e) {
            throw new CliException("cannot read " + file + ": " + e, e);
        } catch (JacksonException e) {
            throw new CliException(file + " is not valid TOML: " + e.getOriginalMessage(), e);
        }
    }

    private void write(Map<String, Object> values) {
        String text = HEADER + new TomlMapper().writeValueAsString(values);
        Path directory = file.toAbsolutePath().getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        Path temporary = null;
        try {
            if (posix) {
                Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
                // It may have been there already, made by hand or by another program.
                Files.setPosixFilePermissions(directory, DIRECTORY_MODE);
            } else {
                Files.createDirectories(directory);
            }
            FileAttribute<?>[] mode = posix
                    ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(FILE_MODE)}
                    : new FileAttribute<?>[0];
            temporary = Files.createTempFile(directory, ".config.toml.", ".tmp", mode);
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
                channel.write(ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)));
                channel.force(true);
            }
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
            temporary = null;
        } catch (IOException e) {
            throw new CliException("cannot write " + file + ": " + e, e);
        } finally {
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException e) {
                    // The write failed already and says so; a stray temporary file is the lesser problem.
                }
            }
        }
    }
}
