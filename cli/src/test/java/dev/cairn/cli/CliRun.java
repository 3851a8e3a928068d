package dev.cairn.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/** One run of the CLI in a test: its exit code and everything it printed. */
record CliRun(int exitCode, String out, String err) {

    /** Runs {@code args} with {@code env} as the environment, polling tasks back to back. */
    static CliRun of(Map<String, String> env, Path workingDirectory, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (PrintStream outStream = new PrintStream(out, true, StandardCharsets.UTF_8);
             PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            int exitCode = Cli.run(args, new Invocation(outStream, errStream, env, workingDirectory, Duration.ZERO));
            return new CliRun(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Runs {@code args} against {@code fake} with the token "test-token". */
    static CliRun against(FakeCairn fake, String... args) {
        return of(Map.of("CAIRN_URL", fake.url(), "CAIRN_TOKEN", "test-token"), Path.of("."), args);
    }

    /** Runs {@code args} without any server: for what must fail before a request is made. */
    static CliRun offline(String... args) {
        return of(Map.of("CAIRN_URL", "http://127.0.0.1:9"), Path.of("."), args);
    }
}
