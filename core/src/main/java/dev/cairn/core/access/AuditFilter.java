package dev.cairn.core.access;

import java.time.Instant;
import java.util.UUID;

/**
 * The filters of {@code GET /v1/audit}; null fields do not filter. {@code action} matches an action
 * or, ending in a dot, every action it starts ({@code target.}); {@code object} is an object's uuid.
 */
public record AuditFilter(UUID user, UUID team, String action, UUID object, Instant after, Instant before) {
    public static final AuditFilter ALL = new AuditFilter(null, null, null, null, null, null);
}
