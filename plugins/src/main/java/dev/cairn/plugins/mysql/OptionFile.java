package dev.cairn.plugins.mysql;

import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

/**
 * A {@code [client]} option file holding the password, readable by its owner only (created 0600,
 * so it is never readable by others even for a moment) in the task's
 * {@linkplain TaskContext#privateDirectory() private directory}, and deleted on {@link #close()};
 * should the process be killed first, the server empties that directory at its next start. The
 * programs read it through {@code --defaults-extra-file}, which keeps the password off their
 * command lines and out of their environment.
 */
final class OptionFile implements AutoCloseable {
    private final Path path;

    private OptionFile(Path path) {
        this.path = path;
    }

    /** Writes the option file for {@code password} in {@code context}'s private directory; an empty password needs no file. */
    static OptionFile forPassword(String password, TaskContext context) throws IOException {
        if (password.isEmpty()) {
            return new OptionFile(null);
        }
        Path path = Files.createTempFile(context.privateDirectory(), "mysql-", ".cnf",
                PosixFilePermissions.asFileAttribute(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE)));
        try {
            Files.writeString(path, "[client]\npassword=\"" + escape(password) + "\"\n", StandardCharsets.UTF_8);
            return new OptionFile(path);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(path);
            throw e;
        }
    }

    /**
     * The options the programs are started with: {@code --defaults-extra-file} must come first,
     * followed by {@code others}.
     */
    List<String> command(String program, List<String> others) {
        List<String> command = new ArrayList<>();
        command.add(program);
        if (path != null) {
            command.add("--defaults-extra-file=" + path);
        }
        command.addAll(others);
        return command;
    }

    // Option files unescape \\ \" \n \r \t \b inside a quoted value; everything else is literal.
    private static String escape(String value) {
        StringBuilder escaped = new StringBuilder(value.length() + 8);
        for (char c : value.toCharArray()) {
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '"' -> escaped.append("\\\"");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                case '\b' -> escaped.append("\\b");
                default -> escaped.append(c);
            }
        }
        return escaped.toString();
    }

    @Override
    public void close() {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot delete the option file " + path, e);
            }
        }
    }
}
