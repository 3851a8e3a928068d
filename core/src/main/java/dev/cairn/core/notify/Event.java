package dev.cairn.core.notify;

import dev.cairn.core.CairnException;
import java.util.Arrays;
import java.util.stream.Collectors;

/** What a channel can be told of; the wire name is what the API, the CLI and payloads say. */
public enum Event {
    /** A task (backup, restore, verify) ended as failed. */
    TASK_FAILED("task-failed"),
    /** A task ended as done. */
    TASK_SUCCEEDED("task-succeeded"),
    /** A job has had no good backup for longer than its channel allows; told once until a backup succeeds. */
    MISSED_BACKUP("missed-backup"),
    /** A store failed its self-test; told once until it passes again. */
    STORE_UNHEALTHY("store-unhealthy"),
    /** A target's newest archive expires soon and no newer one exists. */
    ARCHIVE_EXPIRING("archive-expiring"),
    /** A throw-away instance expires soon (told to its owner's channels). */
    INSTANCE_EXPIRING("instance-expiring"),
    /** What {@code cairn test notification} sends. */
    TEST("test");

    private final String wire;

    Event(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    /** The event named {@code text} (a wire name); anything else is invalid input naming the choices. */
    public static Event parse(String text) {
        return Arrays.stream(values()).filter(e -> e != TEST && e.wire.equals(text == null ? null : text.strip()))
                .findFirst().orElseThrow(() -> new CairnException.InvalidInput("events: unknown event '" + text
                        + "'; choose from " + Arrays.stream(values()).filter(e -> e != TEST).map(Event::wire)
                        .collect(Collectors.joining(", "))));
    }
}
