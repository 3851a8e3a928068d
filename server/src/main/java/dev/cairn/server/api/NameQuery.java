package dev.cairn.server.api;

import dev.cairn.core.CairnException;
import io.javalin.http.Context;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The {@code ?name=} filter of a list, as SHIELD's clients send it: a case-insensitive substring of the
 * name, or with {@code &exact=t} the whole name exactly (SHIELD's CLI adds it in raw mode); no name keeps
 * every item.
 */
record NameQuery(String name, boolean exact) {

    static NameQuery of(Context ctx) {
        String name = ctx.queryParam("name");
        return new NameQuery(name == null || name.isEmpty() ? null : name, flag("exact", ctx.queryParam("exact")));
    }

    boolean matches(String candidate) {
        if (name == null) {
            return true;
        }
        if (candidate == null) {
            return false;
        }
        return exact ? candidate.equals(name)
                : candidate.toLowerCase(Locale.ROOT).contains(name.toLowerCase(Locale.ROOT));
    }

    /** The items whose name matches, in their order. */
    <T> List<T> filter(List<T> items, Function<T, String> nameOf) {
        return name == null ? items : items.stream().filter(item -> matches(nameOf.apply(item))).toList();
    }

    /** A t/f flag as SHIELD writes them (true/false, y/n, yes/no and 1/0 too); absent or empty is false. */
    private static boolean flag(String field, String text) {
        if (text == null || text.isEmpty()) {
            return false;
        }
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "t", "true", "y", "yes", "1" -> true;
            case "f", "false", "n", "no", "0" -> false;
            default -> throw new CairnException.InvalidInput(field + " must be t or f, got " + text);
        };
    }
}
