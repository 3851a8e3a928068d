package dev.cairn.core.catalog;

import java.time.Instant;
import java.util.UUID;

/**
 * An object a failed backup left in a store that could not purge it at the time: it stays listed
 * until a purge of it (and of the manifest beside it) is confirmed by the store.
 *
 * @param store     the store holding it
 * @param key       the name the backup wrote the object under
 * @param task      the backup task that left it, or null when unknown
 * @param reason    why the last purge failed
 * @param attempts  how many purges have failed so far
 * @param foundAt   when the first purge failed
 * @param lastTryAt when the last purge failed
 */
public record Orphan(UUID store, String key, UUID task, String reason, int attempts, Instant foundAt, Instant lastTryAt) {
}
