package dev.cairn.server.web;

import dev.cairn.core.CairnException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A posted form, read with the same rules as the API's request bodies: missing fields are
 * collected into one error that lists them, a malformed value names its field.
 */
final class Form {
    private final Context ctx;

    private Form(Context ctx) {
        this.ctx = ctx;
    }

    static Form of(Context ctx) {
        return new Form(ctx);
    }

    /** Refuses the form, listing every one of {@code names} left empty. */
    Form require(String... names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            if (text(name).isEmpty()) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw CairnException.InvalidInput.missing(missing);
        }
        return this;
    }

    /** The field's text, trimmed; empty when absent. */
    String text(String name) {
        String value = ctx.formParam(name);
        return value == null ? "" : value.trim();
    }

    /** The field's text, or null when it is absent or empty. */
    String optional(String name) {
        String value = text(name);
        return value.isEmpty() ? null : value;
    }

    UUID uuid(String name) {
        return uuid(name, text(name));
    }

    /** Every value the field was sent with (checkboxes of one name), each a uuid; none when absent. */
    List<UUID> uuids(String name) {
        return texts(name).stream().map(value -> uuid(name, value)).toList();
    }

    /** Every non-empty value the field was sent with, trimmed. */
    List<String> texts(String name) {
        return ctx.formParams(name).stream().map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    /** Whether a checkbox was ticked: browsers send a ticked one's value and leave an unticked one out. */
    boolean ticked(String name) {
        return !text(name).isEmpty();
    }

    private static UUID uuid(String name, String value) {
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new CairnException.InvalidInput(name + " must be chosen from the list, got " + value);
        }
    }

    long integer(String name) {
        String value = text(name);
        try {
            if (value.matches("-?\\d+")) {
                return Long.parseLong(value);
            }
        } catch (NumberFormatException e) {
            throw new CairnException.InvalidInput(name + " is too large: " + value);
        }
        throw new CairnException.InvalidInput(name + " must be a whole number, got " + value);
    }
}
