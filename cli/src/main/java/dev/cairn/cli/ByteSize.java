package dev.cairn.cli;

import java.util.Locale;

/** Formats byte counts for people, in binary units: "512 B", "1.2 MiB". */
final class ByteSize {

    private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

    private ByteSize() {
    }

    static String human(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = -1;
        // 1023.95 rather than 1024 so that a value never prints as "1024.0 KiB".
        while (value >= 1023.95 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
