package dev.cairn.server;

import dev.cairn.core.CairnException;
import java.time.Duration;

/** Durations written as seconds or with a unit: {@code 90}, {@code 30m}, {@code 12h}, {@code 7d}. */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String field, String text) {
        String t = text.trim().toLowerCase();
        try {
            if (t.matches("\\d+")) {
                return Duration.ofSeconds(Long.parseLong(t));
            }
            long n = Long.parseLong(t.substring(0, t.length() - 1));
            return switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new CairnException.InvalidInput(field + " must be seconds or a number with s, m, h or d, got " + text);
        }
    }
}
