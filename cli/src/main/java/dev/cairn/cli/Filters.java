package dev.cairn.cli;

import picocli.CommandLine.Option;

/** Option pairs that filter lists and exclude each other, used as picocli argument groups. */
final class Filters {

    private Filters() {
    }

    /** {@code --used | --unused}: whether some job uses the item. */
    static final class Usage {

        @Option(names = "--used", required = true, description = "Only those some job uses.")
        boolean used;

        @Option(names = "--unused", required = true, description = "Only those no job uses (safe to delete).")
        boolean unused;

        /** The API's {@code unused} filter: null when neither option was given. */
        static Boolean unused(Usage usage) {
            return usage == null ? null : usage.unused;
        }
    }

    /** {@code --paused | --unpaused}. */
    static final class Paused {

        @Option(names = "--paused", required = true, description = "Only paused jobs.")
        boolean paused;

        @Option(names = "--unpaused", required = true, description = "Only jobs that run on their schedule.")
        boolean unpaused;

        /** The API's {@code paused} filter: null when neither option was given. */
        static Boolean paused(Paused filter) {
            return filter == null ? null : filter.paused;
        }
    }
}
