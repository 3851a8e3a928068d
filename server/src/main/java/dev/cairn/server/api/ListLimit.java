package dev.cairn.server.api;

import dev.cairn.core.CairnException;
import io.javalin.http.Context;
import java.util.List;

/** The {@code ?limit=N} of a list: at most N items, the first (newest) ones; absent or empty keeps the default. */
record ListLimit(int value) {

    static ListLimit of(Context ctx, int defaultLimit) {
        String text = ctx.queryParam("limit");
        if (text == null || text.isEmpty()) {
            return new ListLimit(defaultLimit);
        }
        try {
            int limit = Integer.parseInt(text.trim());
            if (limit >= 1) {
                return new ListLimit(limit);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CairnException.InvalidInput("limit must be a whole number of at least 1, got " + text);
    }

    <T> List<T> apply(List<T> items) {
        return items.size() <= value ? items : items.subList(0, value);
    }
}
