package dev.cairn.server.api;

import dev.cairn.core.CairnException;
import io.javalin.http.Context;
import java.util.UUID;

/** Reads uuids from paths, queries and bodies, naming the field when one is malformed, and plain query filters. */
final class Ids {
    private Ids() {
    }

    static UUID parse(String field, String text) {
        try {
            return UUID.fromString(text.trim());
        } catch (IllegalArgumentException e) {
            throw new CairnException.InvalidInput(field + " must be a uuid, got " + text);
        }
    }

    /** The {@code {uuid}} path parameter; a malformed one is a 404, as no such item can exist. */
    static UUID path(Context ctx, String kind) {
        String text = ctx.pathParam("uuid");
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new CairnException.NotFound(kind, text);
        }
    }

    /** A text filter from the query; absent or empty means no filter (null). */
    static String queryText(Context ctx, String name) {
        String text = ctx.queryParam(name);
        return text == null || text.isEmpty() ? null : text;
    }

    static UUID query(Context ctx, String name) {
        String text = queryText(ctx, name);
        return text == null ? null : parse(name, text);
    }
}
