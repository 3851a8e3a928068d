package dev.cairn.server.web;

import java.util.List;

/** The units the retention form offers for an expiry. */
public enum RetentionUnit {
    WEEKS(7 * 86400, "weeks", "week"), DAYS(86400, "days", "day"), HOURS(3600, "hours", "hour"),
    SECONDS(1, "seconds", "second");

    static final List<RetentionUnit> LARGEST_FIRST = List.of(values());
    private final long seconds;
    private final String label;
    private final String singular;

    RetentionUnit(long seconds, String label, String singular) {
        this.seconds = seconds;
        this.label = label;
        this.singular = singular;
    }

    public long seconds() {
        return seconds;
    }

    public String label() {
        return label;
    }

    String singular() {
        return singular;
    }

    /** The largest unit that divides {@code seconds} evenly. */
    public static RetentionUnit fitting(long seconds) {
        return LARGEST_FIRST.stream().filter(u -> seconds % u.seconds == 0).findFirst().orElse(SECONDS);
    }
}
