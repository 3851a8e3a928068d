package dev.cairn.server.web;

import java.util.List;
import java.util.UUID;

/**
 * The retention form: the expiry as a number of {@code unit}s, the grandfather-father-son rules as
 * typed, and why the last attempt was refused.
 */
public record RetentionForm(UUID uuid, String name, String summary, String expires, RetentionUnit unit, Keep keep,
                            String error, List<String> invalid) {
    /** The keep_* fields as typed: how many days, weeks, months and years keep their newest archive. */
    public record Keep(String daily, String weekly, String monthly, String yearly) {
        static Keep of(dev.cairn.core.catalog.RetentionPolicy.Keep keep) {
            return new Keep(String.valueOf(keep.daily()), String.valueOf(keep.weekly()), String.valueOf(keep.monthly()),
                    String.valueOf(keep.yearly()));
        }
    }

    public String action() {
        return uuid == null ? "/retention" : "/retention/" + uuid;
    }

    public boolean isInvalid(String field) {
        return invalid.contains(field);
    }

    public List<RetentionUnit> units() {
        return List.of(RetentionUnit.HOURS, RetentionUnit.DAYS, RetentionUnit.WEEKS, RetentionUnit.SECONDS);
    }
}
