package dev.cairn.cli;

import java.io.Console;
import java.util.Locale;

/**
 * Asks the person at a terminal before a command damages something (a restore overwrites a
 * target, a deletion removes an archive). Scripts, which run without a terminal, are not asked;
 * {@code --yes} skips the question at a terminal too.
 */
interface Confirmation {

    /** Nobody to ask: every question is taken as yes. */
    Confirmation UNATTENDED = question -> true;

    /** Whether to go ahead after {@code question}. */
    boolean confirm(String question);

    /** Asks on the process's terminal when there is one (standard input and output both a terminal). */
    static Confirmation ofTerminal() {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return UNATTENDED;
        }
        return question -> {
            String answer = console.readLine("%s [y/N] ", question);
            return answer != null && switch (answer.strip().toLowerCase(Locale.ROOT)) {
                case "y", "yes" -> true;
                default -> false;
            };
        };
    }
}
