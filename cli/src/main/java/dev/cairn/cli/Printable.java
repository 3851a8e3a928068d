package dev.cairn.cli;

/**
 * Text from the server made safe for a terminal: control characters (C0, DEL, C1), line and
 * paragraph separators, bidi overrides and lone surrogates are written out visibly ({@code \n},
 * {@code \r}, {@code \u001b}), so that a name can neither forge a line nor send escape codes.
 */
final class Printable {
    private Printable() {
    }

    /** {@code text} on one line: line feeds too are shown as {@code \n}. */
    static String oneLine(String text) {
        return escape(text, false);
    }

    /** {@code text} keeping its line feeds and tabs, as a log or a multi-line value has them. */
    static String lines(String text) {
        return escape(text, true);
    }

    private static String escape(String text, boolean keepLines) {
        if (text == null || text.codePoints().noneMatch(c -> unsafe(c, keepLines))) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (!unsafe(c, keepLines)) {
                shown.appendCodePoint(c);
            } else if (c == '\n') {
                shown.append("\\n");
            } else if (c == '\r') {
                shown.append("\\r");
            } else if (c == '\t') {
                shown.append("\\t");
            } else {
                shown.append(String.format("\\u%04x", c));
            }
        });
        return shown.toString();
    }

    private static boolean unsafe(int c, boolean keepLines) {
        if (keepLines && (c == '\n' || c == '\t')) {
            return false;
        }
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }
}
