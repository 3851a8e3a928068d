package dev.cairn.core.catalog;

import java.time.Instant;
import java.util.UUID;

/** The filters of {@code GET /v1/archives}; null fields do not filter. Only stored archives are listed unless {@code withPurged}. */
public record ArchiveFilter(UUID target, UUID store, Instant after, Instant before, boolean withPurged) {
    public static final ArchiveFilter ALL = new ArchiveFilter(null, null, null, null, false);
}
