package dev.cairn.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The surroundings of one CLI run: where output goes, the environment variables, the directory
 * relative paths start from, how long to wait between polls of a followed task, and who is asked
 * before damage is done.
 */
record Invocation(PrintStream out, PrintStream err, Map<String, String> env, Path workingDirectory,
                  Duration pollInterval, Confirmation confirmation) {

    Invocation {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        env = Map.copyOf(env);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(confirmation, "confirmation");
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("pollInterval must not be negative, got " + pollInterval);
        }
    }
}
