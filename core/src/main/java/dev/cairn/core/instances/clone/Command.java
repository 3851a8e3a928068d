package dev.cairn.core.instances.clone;

import dev.cairn.core.CairnException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a file-system tool (btrfs, cp, chattr, filefrag) to its end and returns what it printed; a
 * failure is a {@link CairnException} that quotes the command and its last line of output. The
 * commands carry paths only, never a secret.
 */
final class Command {
    /** A plain copy of a large image may take a while; nothing else comes close. */
    private static final Duration TIMEOUT = Duration.ofHours(2);

    private Command() {
    }

    /** The output (stdout and stderr together) of {@code command}, which must succeed. */
    static String run(List<String> command) {
        Result result = attempt(command);
        if (result.exit() != 0) {
            throw new CairnException(String.join(" ", command) + " failed (exit status " + result.exit() + ")"
                    + lastLine(result.output()));
        }
        return result.output();
    }

    /** Whether {@code command} succeeds; its output is dropped. For probes. */
    static boolean succeeds(List<String> command) {
        try {
            return attempt(command).exit() == 0;
        } catch (CairnException e) {
            return false;
        }
    }

    record Result(int exit, String output) {
    }

    static Result attempt(List<String> command) {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        } catch (IOException e) {
            throw new CairnException("cannot run " + command.getFirst() + ": " + e.getMessage()
                    + " (is it installed? btrfs-progs, coreutils, e2fsprogs)", e);
        }
        try (InputStream out = process.getInputStream()) {
            String output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new CairnException(String.join(" ", command) + " did not finish within " + TIMEOUT);
            }
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            process.destroyForcibly();
            throw new CairnException("cannot read the output of " + String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new CairnException(String.join(" ", command) + " was interrupted", e);
        }
    }

    private static String lastLine(String output) {
        List<String> lines = output.lines().filter(line -> !line.isBlank()).toList();
        return lines.isEmpty() ? "" : ": " + lines.getLast().strip();
    }
}
