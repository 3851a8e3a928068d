package dev.cairn.cli;

import java.io.Console;

/**
 * Asks the person at a terminal for what a command needs and cannot take from its arguments: a
 * user name, a password. Without a terminal there is nobody to ask, and every question answers
 * null, so that the command can say which option or input to give instead.
 */
interface Prompt {

    /** Nobody to ask: scripts, pipes, tests that give everything on the command line. */
    Prompt NONE = new Prompt() {
        @Override
        public String line(String label) {
            return null;
        }

        @Override
        public char[] secret(String label) {
            return null;
        }

        @Override
        public boolean available() {
            return false;
        }
    };

    /** The line typed after {@code label}, or null when there is no terminal or it was closed. */
    String line(String label);

    /** What was typed after {@code label} without showing it, or null when there is no terminal. */
    char[] secret(String label);

    /** Whether a person can be asked. */
    boolean available();

    /** Asks on the process's terminal when standard input and output both are one. */
    static Prompt ofTerminal() {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
            return NONE;
        }
        return new Prompt() {
            @Override
            public String line(String label) {
                return console.readLine("%s", label);
            }

            @Override
            public char[] secret(String label) {
                return console.readPassword("%s", label);
            }

            @Override
            public boolean available() {
                return true;
            }
        };
    }
}
