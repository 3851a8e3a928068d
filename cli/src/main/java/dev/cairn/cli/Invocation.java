package dev.cairn.cli;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The surroundings of one CLI run: where output goes and input comes from, the environment
 * variables, the directory relative paths start from, how long to wait between polls of a
 * followed task, who is asked before damage is done, and who is asked for a user name or password.
 */
record Invocation(PrintStream out, PrintStream err, InputStream in, Map<String, String> env, Path workingDirectory,
                  Duration pollInterval, Confirmation confirmation, Prompt prompt) {

    Invocation {
        Objects.requireNonNull(out, "out");
        Objects.requireNonNull(err, "err");
        Objects.requireNonNull(in, "in");
        env = Map.copyOf(env);
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        Objects.requireNonNull(confirmation, "confirmation");
        Objects.requireNonNull(prompt, "prompt");
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("pollInterval must not be negative, got " + pollInterval);
        }
    }

    /** A run with nothing on standard input and nobody to ask for names or passwords. */
    Invocation(PrintStream out, PrintStream err, Map<String, String> env, Path workingDirectory, Duration pollInterval,
               Confirmation confirmation) {
        this(out, err, new ByteArrayInputStream(new byte[0]), env, workingDirectory, pollInterval, confirmation, Prompt.NONE);
    }
}
