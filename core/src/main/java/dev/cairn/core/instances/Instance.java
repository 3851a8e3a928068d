package dev.cairn.core.instances;

import java.time.Instant;
import java.util.UUID;

/**
 * A clone of an {@link Image} running as its own data system on {@code host:port} of the server
 * {@code server}, reached as {@code user} with a password Cairn generated for it alone, until
 * {@code expiresAt}. It belongs to the image's team and to the user who made it.
 *
 * @param reason why it is in its state, when that is not the plain one (why it was destroyed, say)
 */
public record Instance(long id, UUID uuid, long image, UUID team, UUID owner, String ownerName, String server,
                       String host, int port, String user, String password, String database, State state, String reason,
                       String cloneBackend, boolean copyOnWrite, Instant createdAt, Instant updatedAt, Instant expiresAt) {
    public Instance {
        reason = reason == null ? "" : reason;
        database = database == null ? "" : database;
    }

    /** Where an instance is in its life. */
    public enum State {
        /** Waiting for its image to be built. */
        PENDING,
        /** Being cloned and started. */
        STARTING,
        /** Answering on its port. */
        RUNNING,
        /** Being put back to its image's state. */
        RESETTING,
        /** Stopped and removed (expired, its image failed, or it could not be brought back after a restart). */
        DESTROYED;

        public String wire() {
            return name().toLowerCase();
        }

        static State fromWire(String text) {
            return valueOf(text.toUpperCase());
        }

        /** Whether an instance in this state has (or is getting) a data directory and a process. */
        public boolean live() {
            return this == STARTING || this == RUNNING || this == RESETTING;
        }
    }

    @Override
    public String toString() {
        return "Instance[id=" + id + ", image=" + image + ", port=" + port + ", user=" + user + ", password=********, state="
                + state + "]";
    }
}
