package dev.cairn.cli;

import java.io.PrintStream;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Reports a command's failure on standard error and turns it into exit code 1. */
final class FailureHandler implements IExecutionExceptionHandler {

    private final PrintStream err;

    FailureHandler(PrintStream err) {
        this.err = err;
    }

    @Override
    public int handleExecutionException(Exception failure, CommandLine commandLine, ParseResult parsed) {
        commandLine.getOut().flush();
        if (failure instanceof CliException expected) {
            err.println(wantsJson(commandLine) ? Terminal.errorJson(expected.getMessage()) : "error: " + expected.getMessage());
        } else {
            // A bug in the CLI: keep the stack trace, it is what a bug report needs.
            err.println("error: unexpected failure: " + failure);
            failure.printStackTrace(err);
        }
        return 1;
    }

    /** Whether {@code --json} was given: the root command holds the option all commands inherit. */
    private static boolean wantsJson(CommandLine commandLine) {
        CommandLine root = commandLine;
        while (root.getParent() != null) {
            root = root.getParent();
        }
        return root.getCommand() instanceof CairnCommand cairn && cairn.json;
    }
}
