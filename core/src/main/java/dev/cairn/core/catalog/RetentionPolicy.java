package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.util.UUID;

/**
 * How long archives are kept: every archive expires {@code expires} seconds after it was taken,
 * and {@code keep} may hold some past that (grandfather-father-son). An archive is purged only
 * once it has expired and no rule of {@code keep} holds it.
 */
public record RetentionPolicy(UUID uuid, String name, String summary, long expires, Keep keep) {
    /** The shortest expiry seed 004 allows: one hour. */
    public static final long MINIMUM_EXPIRY = 3600;
    /** The longest expiry: 100 years (of 365.25 days), far beyond any archive's use and far from overflowing a time. */
    public static final long MAXIMUM_EXPIRY = 100L * 36525 * 864;

    /** A policy of seed 004: an expiry only. */
    public RetentionPolicy(UUID uuid, String name, String summary, long expires) {
        this(uuid, name, summary, expires, Keep.NONE);
    }

    public RetentionPolicy {
        summary = summary == null ? "" : summary;
        keep = keep == null ? Keep.NONE : keep;
        if (expires < MINIMUM_EXPIRY) {
            throw new CairnException.InvalidInput("expires must be at least 3600 seconds, got " + expires);
        }
        if (expires > MAXIMUM_EXPIRY) {
            throw new CairnException.InvalidInput("expires must be at most " + MAXIMUM_EXPIRY
                    + " seconds (100 years), got " + expires);
        }
    }

    /**
     * Grandfather-father-son rules: keep the newest good archive of each of the last {@code daily}
     * days, {@code weekly} ISO weeks, {@code monthly} months and {@code yearly} years (UTC) that
     * have one. 0 keeps none by that rule.
     */
    public record Keep(int daily, int weekly, int monthly, int yearly) {
        /** No rule: archives go when they expire, as in seed 004. */
        public static final Keep NONE = new Keep(0, 0, 0, 0);
        /** The most periods one rule may keep: ample for 100 years of days. */
        public static final int MAXIMUM = 36525;

        public Keep {
            check("keep_daily", daily);
            check("keep_weekly", weekly);
            check("keep_monthly", monthly);
            check("keep_yearly", yearly);
        }

        private static void check(String field, int value) {
            if (value < 0 || value > MAXIMUM) {
                throw new CairnException.InvalidInput(field + " must be between 0 and " + MAXIMUM + ", got " + value);
            }
        }

        /** Whether any rule keeps archives past their expiry. */
        public boolean any() {
            return daily + weekly + monthly + yearly > 0;
        }
    }
}
