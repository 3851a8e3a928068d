package dev.cairn.core.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * The filters of {@code GET /v1/archives}; null fields do not filter. Only stored archives are listed unless
 * {@code withPurged}. {@code job} matches the job recorded on the archive when it was taken.
 */
public record ArchiveFilter(UUID target, UUID store, Instant after, Instant before, boolean withPurged, UUID job) {
    public static final ArchiveFilter ALL = new ArchiveFilter(null, null, null, null, false, null);

    /** A filter on anything but the job. */
    public ArchiveFilter(UUID target, UUID store, Instant after, Instant before, boolean withPurged) {
        this(target, store, after, before, withPurged, null);
    }
}
