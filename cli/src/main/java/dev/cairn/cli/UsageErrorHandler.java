package dev.cairn.cli;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        String message = describe(problem);
        String suggestion = problem instanceof UnmatchedArgumentException unmatched ? suggestion(unmatched) : null;
        String help = "see '" + commandLine.getCommandSpec().qualifiedName() + " --help'";
        if (Arrays.asList(args).contains("--json")) {
            err.println(Terminal.errorJson(message + (suggestion == null ? "" : "; " + suggestion) + "; " + help));
        } else {
            err.println("error: " + message);
            if (suggestion != null) {
                err.println(suggestion);
            }
            err.println(help);
        }
        err.flush();
        return CommandLine.ExitCode.USAGE;
    }

    /**
     * "did you mean 'list'?" for a mistyped command or noun: the names closest to it by edit
     * distance, if any is within two edits (or starts with what was typed); null when none is.
     */
    private static String suggestion(UnmatchedArgumentException unmatched) {
        if (unmatched.getUnmatched().isEmpty() || unmatched.getCommandLine().getSubcommands().isEmpty()) {
            return null;
        }
        String typed = unmatched.getUnmatched().getFirst().toLowerCase(Locale.ROOT);
        Map<String, Integer> distances = new LinkedHashMap<>();
        for (String name : subcommandNames(unmatched.getCommandLine())) {
            int distance = name.startsWith(typed) && !typed.isEmpty() ? 1 : editDistance(typed, name);
            if (distance <= 2) {
                distances.put(name, distance);
            }
        }
        if (distances.isEmpty()) {
            return null;
        }
        int best = Collections.min(distances.values());
        List<String> closest = distances.entrySet().stream().filter(e -> e.getValue() == best)
                .map(e -> "'" + e.getKey() + "'").toList();
        return "did you mean " + String.join(" or ", closest) + "?";
    }

    /** The optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int editDistance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
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
