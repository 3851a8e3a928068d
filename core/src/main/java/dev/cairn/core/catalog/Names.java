package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.util.UUID;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.JdbiException;

/**
 * What the catalog saves as names and summaries: text without control characters (C0, DEL, C1,
 * line and paragraph separators, bidi overrides) or lone surrogates, so that a name can never
 * forge a log line or move a terminal's cursor; and names unique per kind. Rows saved before
 * these rules are read as they are; front ends escape what they show.
 */
public final class Names {
    /** The longest name, in characters. */
    public static final int MAX_NAME = 200;
    /** The longest summary or note, in characters. */
    public static final int MAX_SUMMARY = 4000;

    private Names() {
    }

    /** Refuses a name that is too long or holds a control character; the message names {@code field}. */
    public static void checkName(String field, String name) {
        checkText(field, name, MAX_NAME, false);
    }

    /** Refuses a summary that is too long or holds a control character. */
    public static void checkSummary(String field, String summary) {
        checkText(field, summary, MAX_SUMMARY, false);
    }

    /** Like {@link #checkSummary}, letting line feeds and tabs through (archive notes span lines). */
    public static void checkNotes(String field, String notes) {
        checkText(field, notes, MAX_SUMMARY, true);
    }

    private static void checkText(String field, String text, int maxLength, boolean lines) {
        if (text == null) {
            return;
        }
        if (text.length() > maxLength) {
            throw new CairnException.InvalidInput(field + " must be at most " + maxLength + " characters, got "
                    + text.length());
        }
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            boolean allowed = lines && (c == '\n' || c == '\t');
            if (!allowed && forbidden(c)) {
                throw new CairnException.InvalidInput(field + " must not hold control characters, line breaks or "
                        + "unpaired surrogates; found " + String.format("U+%04X", c) + " at position " + i);
            }
            i += Character.charCount(c);
        }
    }

    /**
     * {@code text} with every character {@link #checkName} refuses written out visibly (a line
     * feed as {@code \\n}, a carriage return as {@code \\r}, others as {@code \\u001b}), so that
     * it fits on one line of a log and cannot drive a terminal. Tabs stay.
     */
    public static String printable(String text) {
        if (text == null || text.codePoints().noneMatch(c -> c != '\t' && forbidden(c))) {
            return text;
        }
        StringBuilder shown = new StringBuilder(text.length() + 16);
        text.codePoints().forEach(c -> {
            if (c == '\n') {
                shown.append("\\n");
            } else if (c == '\r') {
                shown.append("\\r");
            } else if (c != '\t' && forbidden(c)) {
                shown.append(String.format("\\u%04x", c));
            } else {
                shown.appendCodePoint(c);
            }
        });
        return shown.toString();
    }

    /** Whether {@code c} is a code point that no name shows: controls, separators, bidi overrides, a lone surrogate. */
    static boolean forbidden(int c) {
        int type = Character.getType(c);
        return type == Character.CONTROL || type == Character.SURROGATE || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
    }

    /**
     * Refuses, with a 409 naming the existing item, a name that another item of {@code table}
     * (other than {@code uuid}) already has.
     */
    static void requireUnique(Handle h, String table, String kind, String name, UUID uuid) {
        h.createQuery("SELECT uuid FROM " + table + " WHERE name = :name AND uuid <> :uuid")
                .bind("name", name).bind("uuid", uuid.toString()).mapTo(String.class).findFirst()
                .ifPresent(existing -> {
                    throw new CairnException.Conflict("a " + kind + " named '" + name + "' already exists ("
                            + existing + "); names are unique per kind");
                });
    }

    /**
     * Runs {@code write}, turning a breach of the unique index on names (two clients saving one
     * name at the same moment, past {@link #requireUnique}) into the same 409.
     */
    static <T> T saving(String table, String kind, String name, Supplier<T> write) {
        try {
            return write.get();
        } catch (JdbiException e) {
            for (Throwable c = e; c != null; c = c.getCause()) {
                String message = String.valueOf(c.getMessage());
                if (message.contains(table + ".name") || message.contains(table + "_unique_name")) {
                    throw new CairnException.Conflict("a " + kind + " named '" + name + "' already exists; "
                            + "names are unique per kind");
                }
            }
            throw e;
        }
    }

    /** Checks {@code name} and {@code summary} and that the name is free, inside {@code h}'s transaction. */
    static void checkItem(Handle h, String table, String kind, UUID uuid, String name, String summary) {
        checkName("name", name);
        checkSummary("summary", summary);
        requireUnique(h, table, kind, name, uuid);
    }
}
