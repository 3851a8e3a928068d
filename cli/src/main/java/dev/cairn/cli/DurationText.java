package dev.cairn.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way people type them: a number of seconds, or a whole number
 * of minutes, hours, days or weeks ("90m", "12h", "7d", "4w").
 */
final class DurationText {

    private static final Pattern DURATION = Pattern.compile("(\\d+)([smhdw]?)");
    private static final long MINUTE = 60;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;
    private static final long WEEK = 7 * DAY;

    private DurationText() {
    }

    /** The number of seconds {@code text} stands for; an {@link IllegalArgumentException} says what is wrong. */
    static long parseSeconds(String text) {
        Matcher matcher = DURATION.matcher(text.strip().toLowerCase(Locale.ROOT));
        if (!matcher.matches()) {
            throw new IllegalArgumentException("'" + text
                    + "' is not a duration: give seconds, or a whole number with m, h, d or w (90m, 12h, 7d, 4w)");
        }
        long unit = switch (matcher.group(2)) {
            case "m" -> MINUTE;
            case "h" -> HOUR;
            case "d" -> DAY;
            case "w" -> WEEK;
            default -> 1;
        };
        try {
            return Math.multiplyExact(Long.parseLong(matcher.group(1)), unit);
        } catch (ArithmeticException | NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is too long a duration", e);
        }
    }

    /** The largest unit that divides {@code seconds} exactly: 604800 is "1w", 5400 is "90m", 61 is "61s". */
    static String format(long seconds) {
        if (seconds == 0) {
            return "0s";
        }
        if (seconds % WEEK == 0) {
            return seconds / WEEK + "w";
        }
        if (seconds % DAY == 0) {
            return seconds / DAY + "d";
        }
        if (seconds % HOUR == 0) {
            return seconds / HOUR + "h";
        }
        if (seconds % MINUTE == 0) {
            return seconds / MINUTE + "m";
        }
        return seconds + "s";
    }
}
