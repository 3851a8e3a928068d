package dev.cairn.core.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * One backup as it sits in a store: where it came from, where it is, when it expires, and what
 * was measured of it on the way in (sizes, SHA-256 of the stored bytes, how it was packed). A
 * sanitised variant names its {@code variant}, the full archive it was made from
 * ({@code sourceArchive}) and the version of the rules it was made with; a full archive has
 * {@code variant} "", no source and version 0.
 */
public record Archive(UUID uuid, UUID target, String plugin, UUID store, UUID job, String storeKey, String manifestKey,
                      Instant takenAt, Instant expiresAt, String notes, Status status,
                      long rawSize, long storedSize, String sha256, String compression, String encryption, UUID team,
                      String variant, UUID sourceArchive, int rulesVersion) {

    /** An archive as the catalog had it before variants: a full one. */
    public Archive(UUID uuid, UUID target, String plugin, UUID store, UUID job, String storeKey, String manifestKey,
                   Instant takenAt, Instant expiresAt, String notes, Status status,
                   long rawSize, long storedSize, String sha256, String compression, String encryption, UUID team) {
        this(uuid, target, plugin, store, job, storeKey, manifestKey, takenAt, expiresAt, notes, status, rawSize, storedSize,
                sha256, compression, encryption, team, "", null, 0);
    }

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
        variant = variant == null ? "" : variant;
    }

    /** Whether this archive is a sanitised variant ({@code variant} names it) rather than a full backup. */
    public boolean isVariant() {
        return !variant.isEmpty();
    }
}
