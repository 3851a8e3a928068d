package dev.cairn.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a short-lived command to its end and returns what it printed, for fixtures that drive
 * server tools (initdb, pg_ctl).
 *
 * <p>Output goes through a file rather than a pipe, so a daemon the command leaves behind cannot
 * keep the read open.
 */
final class LocalCommand {
    private LocalCommand() {
    }

    /** The result of one run: its exit status and its stdout and stderr, interleaved. */
    record Result(List<String> command, int exitCode, String output) {
        boolean succeeded() {
            return exitCode == 0;
        }

        /** Throws with the command and its output unless it succeeded; returns this otherwise. */
        Result orThrow() {
            if (!succeeded()) {
                throw new IllegalStateException(String.join(" ", command) + " exited with status " + exitCode
                        + ":\n" + output);
            }
            return this;
        }
    }

    /** Runs {@code command} in {@code directory}, killing it after {@code timeout}. */
    static Result run(List<String> command, Path directory, Duration timeout) {
        Path output = null;
        try {
            output = Files.createTempFile("cairn-command-", ".out");
            Process process = new ProcessBuilder(command)
                    .directory(directory.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + timeout
                        + ":\n" + Files.readString(output));
            }
            return new Result(List.copyOf(command), process.exitValue(), Files.readString(output));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + String.join(" ", command), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", command), e);
        } finally {
            if (output != null) {
                try {
                    Files.deleteIfExists(output);
                } catch (IOException ignored) {
                    // a leftover file in the temporary directory is harmless
                }
            }
        }
    }
}
