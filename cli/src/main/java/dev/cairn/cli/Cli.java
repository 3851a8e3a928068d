package dev.cairn.cli;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import picocli.CommandLine;

/**
 * Runs one {@code cairn} command line against a Cairn server's HTTP API and returns the exit code.
 *
 * <p>Exit codes: 0 on success, 1 when the server refuses or cannot be reached, or a followed
 * task does not end {@code done}, 2 when the command line itself is wrong.
 */
public final class Cli {

    static final Duration TASK_POLL_INTERVAL = Duration.ofMillis(500);

    private Cli() {
    }

    /**
     * Parses {@code args}, runs the command and returns its exit code, writing only to {@code out}
     * and {@code err} and reading standard input only when a command asks for it ({@code --password-stdin});
     * {@code env} stands in for the process environment.
     */
    public static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env) {
        return run(args, new Invocation(out, err, System.in, env, Path.of(""), TASK_POLL_INTERVAL,
                Confirmation.ofTerminal(), Prompt.ofTerminal()));
    }

    static int run(String[] args, Invocation invocation) {
        try (CairnCommand root = new CairnCommand(invocation)) {
            CommandLine commandLine = new CommandLine(root)
                    .setOut(writerOn(invocation.out()))
                    .setErr(writerOn(invocation.err()))
                    .setCaseInsensitiveEnumValuesAllowed(true)
                    .setParameterExceptionHandler(new UsageErrorHandler())
                    .setExecutionExceptionHandler(new FailureHandler(invocation.err()));
            return commandLine.execute(args);
        }
    }

    private static PrintWriter writerOn(PrintStream stream) {
        return new PrintWriter(new OutputStreamWriter(stream, stream.charset()), true);
    }
}
