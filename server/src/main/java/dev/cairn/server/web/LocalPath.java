package dev.cairn.server.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where a login may send the browser next: a path on this server, never another site. Browsers
 * drop tabs and newlines from a URL and read {@code \} as {@code /}, so {@code /\t/evil.example}
 * and {@code /\evil.example} both lead to evil.example; only a plain local path is kept.
 */
final class LocalPath {
    private LocalPath() {
    }

    /**
     * {@code next} (already decoded from the form or query) when it is a local path: one leading
     * {@code /} not followed by another or by {@code \}, and no backslash, control, invisible or
     * white-space character (but the space) anywhere, before or after one more round of
     * percent-decoding (for a proxy that decodes again); else {@code "/"}.
     */
    static String orRoot(String next) {
        if (next == null || !plain(next)) {
            return "/";
        }
        try {
            return plain(URLDecoder.decode(next, StandardCharsets.UTF_8)) ? next : "/";
        } catch (IllegalArgumentException e) {
            return "/";
        }
    }

    private static boolean plain(String path) {
        if (!path.startsWith("/") || path.startsWith("//")) {
            return false;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            int type = Character.getType(c);
            if (c == '\\' || Character.isISOControl(c) || c != ' ' && Character.isWhitespace(c) || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SURROGATE && !(Character.isHighSurrogate(c) && i + 1 < path.length()
                    && Character.isLowSurrogate(path.charAt(++i)))) {
                return false;
            }
        }
        return true;
    }
}
