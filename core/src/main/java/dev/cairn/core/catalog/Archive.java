package dev.cairn.core.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * One backup as it sits in a store: where it came from, where it is, when it expires, and what
 * was measured of it on the way in (sizes, SHA-256 of the stored bytes, how it was packed).
 */
public record Archive(UUID uuid, UUID target, String plugin, UUID store, UUID job, String storeKey, String manifestKey,
                      Instant takenAt, Instant expiresAt, String notes, Status status,
                      long rawSize, long storedSize, String sha256, String compression, String encryption, UUID team) {

    /** An archive as a backup makes it: its team is its target's, which the catalog fills in when saving it. */
    public Archive(UUID uuid, UUID target, String plugin, UUID store, UUID job, String storeKey, String manifestKey,
                   Instant takenAt, Instant expiresAt, String notes, Status status,
                   long rawSize, long storedSize, String sha256, String compression, String encryption) {
        this(uuid, target, plugin, store, job, storeKey, manifestKey, takenAt, expiresAt, notes, status, rawSize, storedSize,
                sha256, compression, encryption, null);
    }

    /** Whether the archive's object is in its store, and whether it proved good. */
    public enum Status {
        /** Stored and restorable. */
        VALID,
        /**
         * Stored, but a verify or a restore's check found its object damaged or another archive's;
         * restores refuse it until a later verify succeeds.
         */
        DAMAGED,
        /** Removed from its store (expired or deleted); the row is kept as history. */
        PURGED;

        public String wire() {
            return name().toLowerCase();
        }

        /** Whether the archive's object is still in its store (valid or damaged). */
        public boolean stored() {
            return this != PURGED;
        }
    }

    public Archive {
        notes = notes == null ? "" : notes;
    }
}
