package dev.cairn.core.instances;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An archive loaded into a stopped data system, sealed read-only under {@code <data>/images/ID} of
 * the server that built it ({@code server}), ready to be cloned into instances once {@code ready}.
 * It belongs to the team of the archive's target and to the user who asked for it.
 *
 * @param databases the databases it holds, the one to connect to by default first
 * @param rulesVersion the version of its target's sanitising rules applied while it was built, 0 for none
 */
public record Image(long id, UUID uuid, String name, UUID team, UUID owner, String ownerName, UUID archive, UUID target,
                    String plugin, String script, UUID task, String server, State state, String error,
                    String cloneBackend, long sizeBytes, List<String> databases, Instant backedUpAt, Instant createdAt,
                    Instant updatedAt, int rulesVersion) {
    public Image {
        script = script == null ? "" : script;
        error = error == null ? "" : error;
        databases = List.copyOf(databases);
    }

    /** Where an image is in its life. */
    public enum State {
        /** Its image task is queued or loading the archive. */
        BUILDING,
        /** Sealed: instances can be made of it. */
        READY,
        /** Its image task failed or was cancelled; nothing of it is left on disk. */
        FAILED;

        public String wire() {
            return name().toLowerCase();
        }

        static State fromWire(String text) {
            return valueOf(text.toUpperCase());
        }
    }

    /** Whether the target's sanitising rules were applied to it. */
    public boolean sanitised() {
        return rulesVersion > 0;
    }

    public boolean ready() {
        return state == State.READY;
    }

    /** The database an instance of this image connects to by default ("" when none was loaded). */
    public String defaultDatabase() {
        return databases.isEmpty() ? "" : databases.getFirst();
    }
}
