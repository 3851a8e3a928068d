package dev.cairn.server.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/** A bash command line run to its end (with pipefail, so a failing stage of a pipe fails it): its exit status and output. */
record Shell(int exit, String output) {

    /** Runs {@code command} with {@code environment} added to this process's, stdout and stderr together. */
    static Shell run(String command, Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", "-o", "pipefail", "-c", command)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        try {
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes());
            return new Shell(process.waitFor(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
