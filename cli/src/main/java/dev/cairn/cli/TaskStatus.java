package dev.cairn.cli;

import java.util.Locale;

/** The states a task goes through; a task in a final state never changes again. */
enum TaskStatus {
    PENDING, RUNNING, CANCELED, FAILED, DONE;

    /** The status as the API writes it: "pending". */
    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    boolean isFinal() {
        return this == CANCELED || this == FAILED || this == DONE;
    }

    static TaskStatus fromWire(String status) {
        for (TaskStatus candidate : values()) {
            if (candidate.wire().equals(status)) {
                return candidate;
            }
        }
        throw new CliException("the server reported a task status Cairn's CLI does not know: '" + status + "'");
    }
}
