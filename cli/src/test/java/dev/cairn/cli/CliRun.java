package dev.cairn.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** One run of the CLI in a test: its exit code and everything it printed. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code args} with {@code env} as the environment, polling tasks back to back, nobody at a terminal. */
    static CliRun of(Map<String, String> env, Path workingDirectory, String... args) {
        return of(env, workingDirectory, Confirmation.UNATTENDED, args);
    }

    /** As {@link #of(Map, Path, String...)}, with {@code confirmation} answering the questions a person would. */
    static CliRun of(Map<String, String> env, Path workingDirectory, Confirmation confirmation, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int exitCode = Cli.run(args, new Invocation(outStream, errStream, env, workingDirectory, Duration.ZERO, confirmation));
            return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /**
     * Runs {@code args} with {@code stdin} as standard input and {@code prompt} as the person at
     * the terminal (asked for user names and passwords), nobody asked to confirm.
     */
    static CliRun withInput(Map<String, String> env, String stdin, Prompt prompt, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int exitCode = Cli.run(args, new Invocation(outStream, errStream,
                    new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), env, Path.of("."), Duration.ZERO,
                    Confirmation.UNATTENDED, prompt));
            return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Runs {@code args} against {@code fake} with the token "test-token". */
    static CliRun against(FakeCairn fake, String... args) {
        return of(Map.of("CAIRN_URL", fake.url(), "CAIRN_TOKEN", "test-token"), Path.of("."), args);
    }

    /** Runs {@code args} against {@code fake}, with {@code confirmation} as the person at the terminal. */
    static CliRun against(FakeCairn fake, Confirmation confirmation, String... args) {
        return of(Map.of("CAIRN_URL", fake.url(), "CAIRN_TOKEN", "test-token"), Path.of("."), confirmation, args);
    }

    /** Runs {@code args} without any server: for what must fail before a request is made. */
    static CliRun offline(String... args) {
        return of(Map.of("CAIRN_URL", "http://127.0.0.1:9"), Path.of("."), args);
    }
}
