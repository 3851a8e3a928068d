package dev.cairn.core.catalog;

import java.util.UUID;

/** The filters of {@code GET /v1/jobs}; null fields do not filter. */
public record JobFilter(UUID target, UUID store, UUID schedule, UUID retention, Boolean paused) {
    public static final JobFilter ALL = new JobFilter(null, null, null, null, null);
}
