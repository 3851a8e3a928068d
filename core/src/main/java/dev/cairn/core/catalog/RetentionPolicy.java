package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.util.UUID;

/** How long archives are kept: every archive expires {@code expires} seconds after it was taken. */
public record RetentionPolicy(UUID uuid, String name, String summary, long expires) {
    /** The shortest expiry seed 004 allows: one hour. */
    public static final long MINIMUM_EXPIRY = 3600;
    /** The longest expiry: 100 years (of 365.25 days), far beyond any archive's use and far from overflowing a time. */
    public static final long MAXIMUM_EXPIRY = 100L * 36525 * 864;

    public RetentionPolicy {
        summary = summary == null ? "" : summary;
        if (expires < MINIMUM_EXPIRY) {
            throw new CairnException.InvalidInput("expires must be at least 3600 seconds, got " + expires);
        }
        if (expires > MAXIMUM_EXPIRY) {
            throw new CairnException.InvalidInput("expires must be at most " + MAXIMUM_EXPIRY
                    + " seconds (100 years), got " + expires);
        }
    }
}
