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
        String value = text(name);
        try {
            return UUID.fromString(value);
        } catch (IllegalArgumentException e) {
            throw new CairnException.InvalidInput(name + " must be chosen from the list, got " + value);
        }
    }

    long integer(String name) {
        String value = text(name);
        if (!value.matches("-?\\d+")) {
            throw new CairnException.InvalidInput(name + " must be a whole number, got " + value);
        }
        return Long.parseLong(value);
    }
}
