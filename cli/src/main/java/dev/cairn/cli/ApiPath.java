package dev.cairn.cli;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.StringJoiner;

/**
 * An API path with its query string, leaving out parameters that were not given.
 *
 * <p>Immutable: each {@code with} returns a new path.
 */
record ApiPath(String path, String query) {

    static ApiPath of(String path) {
        return new ApiPath(path, "");
    }

    /** Adds {@code name=value}, or nothing when {@code value} is null. */
    ApiPath with(String name, String value) {
        if (value == null) {
            return this;
        }
        StringJoiner joined = new StringJoiner("&");
        if (!query.isEmpty()) {
            joined.add(query);
        }
        joined.add(encode(name) + "=" + encode(value));
        return new ApiPath(path, joined.toString());
    }

    /** Adds {@code name=t} or {@code name=f}, the API's booleans, or nothing when {@code value} is null. */
    ApiPath with(String name, Boolean value) {
        return value == null ? this : with(name, value ? "t" : "f");
    }

    @Override
    public String toString() {
        return query.isEmpty() ? path : path + "?" + query;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
