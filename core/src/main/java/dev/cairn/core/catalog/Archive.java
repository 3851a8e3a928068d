package dev.cairn.core.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * One backup as it sits in a store: where it came from, where it is, when it expires, and what
 * was measured of it on the way in (sizes, SHA-256 of the stored bytes, how it was packed).
 */
public record Archive(UUID uuid, UUID target, String plugin, UUID store, UUID job, String storeKey, String manifestKey,
                      Instant takenAt, Instant expiresAt, String notes, Status status,
                      long rawSize, long storedSize, String sha256, String compression, String encryption) {

    /** Whether the archive's object is in its store. */
    public enum Status {
        /** Stored and restorable. */
        VALID,
        /** Removed from its store (expired or deleted); the row is kept as history. */
        PURGED;

        public String wire() {
            return name().toLowerCase();
        }
    }

    public Archive {
        notes = notes == null ? "" : notes;
    }
}
