package dev.cairn.plugins.postgres;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * The names a staged restore of database {@code live} uses: {@code staged} ({@code <live>__cairn_restore})
 * receives the archive, and {@code old} ({@code <live>__cairn_old}) holds the live database for the
 * moment of the swap. Derived from the live name alone, so that a restart finds what a stopped
 * restore left.
 *
 * <p>PostgreSQL cuts names at 63 bytes; a live name too long for its suffix is shortened on a
 * character boundary and followed by eight hex digits of its SHA-256, so that two long names with
 * one prefix do not share a staging database.
 */
record StagingNames(String live, String staged, String old) {
    static final int MAX_NAME_BYTES = 63;
    private static final String STAGED_SUFFIX = "__cairn_restore";
    private static final String OLD_SUFFIX = "__cairn_old";

    static StagingNames of(String live) {
        return new StagingNames(live, derived(live, STAGED_SUFFIX), derived(live, OLD_SUFFIX));
    }

    /** The three names as psql variables {@code live}, {@code staged} and {@code old}. */
    Map<String, String> variables() {
        return Map.of("live", live, "staged", staged, "old", old);
    }

    private static String derived(String live, String suffix) {
        if (bytes(live) + bytes(suffix) <= MAX_NAME_BYTES) {
            return live + suffix;
        }
        String tag = "_" + HexFormat.of().formatHex(sha256(live), 0, 4);
        int room = MAX_NAME_BYTES - bytes(suffix) - bytes(tag);
        StringBuilder prefix = new StringBuilder();
        int used = 0;
        for (int i = 0; i < live.length(); ) {
            int codePoint = live.codePointAt(i);
            String character = new String(Character.toChars(codePoint));
            if (used + bytes(character) > room) {
                break;
            }
            prefix.append(character);
            used += bytes(character);
            i += Character.charCount(codePoint);
        }
        return prefix + tag + suffix;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
