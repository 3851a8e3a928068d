package dev.cairn.plugin;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A child process to start: its command line (never a secret on it), extra environment (where
 * secrets go, such as {@code PGPASSWORD}) and working directory (null for the server's own).
 */
public record ProcessSpec(List<String> command, Map<String, String> environment, Path directory) {
    public ProcessSpec {
        if (command == null || command.isEmpty()) {
            throw new IllegalArgumentException("a process needs a command");
        }
        command = List.copyOf(command);
        environment = Map.copyOf(environment);
    }

    public static ProcessSpec of(List<String> command, Map<String, String> environment) {
        return new ProcessSpec(command, environment, null);
    }
}
