package dev.cairn.cli;

import java.io.PrintWriter;
import java.util.LinkedHashSet;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Reports a malformed command line in one {@code error:} line plus a pointer to the right help,
 * and returns exit code 2.
 */
final class UsageErrorHandler implements IParameterExceptionHandler {

    @Override
    public int handleParseException(ParameterException problem, String[] args) {
        CommandLine commandLine = problem.getCommandLine();
        PrintWriter err = commandLine.getErr();
        commandLine.getOut().flush();
        err.println("error: " + describe(problem));
        if (problem instanceof UnmatchedArgumentException unmatched) {
            UnmatchedArgumentException.printSuggestions(unmatched, err);
        }
        err.println("see '" + commandLine.getCommandSpec().qualifiedName() + " --help'");
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    private static String describe(ParameterException problem) {
        CommandLine commandLine = problem.getCommandLine();
        if (problem instanceof UnmatchedArgumentException unmatched
                && !unmatched.isUnknownOption()
                && !commandLine.getSubcommands().isEmpty()
                && !unmatched.getUnmatched().isEmpty()) {
            String what = commandLine.getParent() == null ? "command" : "noun";
            return "unknown " + what + " '" + unmatched.getUnmatched().getFirst() + "' for '"
                    + commandLine.getCommandSpec().qualifiedName() + "' (expected one of: "
                    + String.join(", ", subcommandNames(commandLine)) + ")";
        }
        // Some of picocli's messages start with their own "Error: ", which ours already says.
        return problem.getMessage().replaceFirst("^Error: ", "");
    }

    /** The primary names of a command's subcommands, without their aliases. */
    static Set<String> subcommandNames(CommandLine commandLine) {
        Set<String> names = new LinkedHashSet<>();
        commandLine.getSubcommands().values().forEach(sub -> names.add(sub.getCommandName()));
        return names;
    }
}
