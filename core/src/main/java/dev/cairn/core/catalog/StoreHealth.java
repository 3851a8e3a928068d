package dev.cairn.core.catalog;

import java.time.Instant;

/**
 * What is known of a store's state: its last self-test ({@code healthy} is null until one ran), the
 * valid archives it holds, and the {@link Orphan orphans} failed backups left in it that wait for a
 * purge.
 */
public record StoreHealth(Boolean healthy, String error, Instant checkedAt, long archives, long bytesUsed, long orphans) {
    /** A store nothing is known of yet. */
    public static final StoreHealth UNKNOWN = new StoreHealth(null, null, null, 0, 0, 0);
}
