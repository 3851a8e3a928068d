package dev.cairn.server.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How the pages write times, sizes and durations. Times are UTC, as in the API. */
public final class Display {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);
    private static final String[] UNITS = {"B", "KiB", "MiB", "GiB", "TiB"};

    private Display() {
    }

    /** {@code 2026-05-01 04:00 UTC}, or a dash for none. */
    public static String time(Instant instant) {
        return instant == null ? "—" : TIME.format(instant) + " UTC";
    }

    /** {@code 1.5 MiB}. */
    public static String size(long bytes) {
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return unit == 0 ? bytes + " B" : String.format("%.1f %s", value, UNITS[unit]);
    }

    /** A whole number of seconds in the largest unit that divides it: {@code 7 days}, {@code 36 hours}. */
    public static String seconds(long seconds) {
        for (RetentionUnit unit : RetentionUnit.LARGEST_FIRST) {
            if (seconds % unit.seconds() == 0) {
                long n = seconds / unit.seconds();
                return n + " " + (n == 1 ? unit.singular() : unit.label());
            }
        }
        return seconds + " seconds";
    }

    /** A policy's grandfather-father-son rules in short: {@code 7 daily, 4 weekly, 12 monthly}, or {@code —} for none. */
    public static String keep(dev.cairn.core.catalog.RetentionPolicy.Keep keep) {
        java.util.List<String> rules = new java.util.ArrayList<>();
        int[] counts = {keep.daily(), keep.weekly(), keep.monthly(), keep.yearly()};
        String[] names = {"daily", "weekly", "monthly", "yearly"};
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > 0) {
                rules.add(counts[i] + " " + names[i]);
            }
        }
        return rules.isEmpty() ? "—" : String.join(", ", rules);
    }

    /** How long from {@code start} to {@code end} (now when null): {@code 3m 12s}. */
    public static String took(Instant start, Instant end) {
        if (start == null) {
            return "—";
        }
        Duration d = Duration.between(start, end == null ? Instant.now() : end);
        if (d.toHours() > 0) {
            return d.toHours() + "h " + d.toMinutesPart() + "m";
        }
        return d.toMinutes() > 0 ? d.toMinutes() + "m " + d.toSecondsPart() + "s" : d.toSeconds() + "s";
    }
}
