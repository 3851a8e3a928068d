package dev.cairn.server.api;

import dev.cairn.core.CairnException;
import io.javalin.http.Context;

/**
 * The API's true/false query parameters, read as the OpenAPI document's {@code Flag} lists them:
 * t, true, y, yes, 1 and f, false, n, no, 0; anything else is a 400 naming the parameter.
 */
final class Flags {
    static final String SPELLINGS = "t, true, y, yes, 1 or f, false, n, no, 0";

    private Flags() {
    }

    /** The flag {@code name} of the query; null when absent or empty. */
    static Boolean query(Context ctx, String name) {
        return parse(name, ctx.queryParam(name));
    }

    static Boolean parse(String name, String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        return switch (text) {
            case "t", "true", "y", "yes", "1" -> true;
            case "f", "false", "n", "no", "0" -> false;
            default -> throw new CairnException.InvalidInput(name + " must be " + SPELLINGS + ", got " + text);
        };
    }
}
