package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.util.Arrays;

/** The states of seed 004's task model. */
public enum TaskStatus {
    PENDING, RUNNING, CANCELED, FAILED, DONE;

    public String wire() {
        return name().toLowerCase();
    }

    /** Whether the task has ended. */
    public boolean finished() {
        return this == CANCELED || this == FAILED || this == DONE;
    }

    /** The status written as in the API ({@code pending}, {@code done}, …). */
    public static TaskStatus fromWire(String text) {
        return Arrays.stream(values()).filter(s -> s.wire().equals(text)).findFirst()
                .orElseThrow(() -> new CairnException.InvalidInput(
                        "status must be one of pending, running, canceled, failed, done; got " + text));
    }
}
