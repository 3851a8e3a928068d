package dev.cairn.server.api;

import dev.cairn.core.CairnException;
import io.javalin.http.Context;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;

/**
 * A request's JSON object, with readers that name the field in every error: missing fields are
 * collected into one 400 that lists them all, and a field of the wrong type says what it got.
 */
final class RequestBody {
    /**
     * The one required field that may be empty: seed 004 requires {@code summary} on every update,
     * but an item's summary is an annotation, and an empty one is a value an edit must be able to
     * keep or set.
     */
    private static final String ANNOTATION = "summary";
    private final Map<String, Object> fields;

    private RequestBody(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Parses the body; an empty body reads as an empty object. */
    static RequestBody of(Context ctx) {
        String text = ctx.body();
        if (text == null || text.isBlank()) {
            return new RequestBody(Map.of());
        }
        try {
            Object parsed = Json.MAPPER.readValue(text, Object.class);
            if (!(parsed instanceof Map<?, ?> map)) {
                throw new CairnException.InvalidInput("request body must be a JSON object, got " + describe(parsed));
            }
            Map<String, Object> fields = new LinkedHashMap<>();
            map.forEach((k, v) -> fields.put(String.valueOf(k), v));
            return new RequestBody(fields);
        } catch (JacksonException e) {
            throw new CairnException.InvalidInput("request body is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** Refuses the request, listing every one of {@code names} that is absent or empty (a summary may be empty, not absent). */
    RequestBody require(String... names) {
        List<String> missing = new ArrayList<>();
        for (String name : names) {
            Object value = fields.get(name);
            if (value == null || (value instanceof String s && s.isBlank() && !name.equals(ANNOTATION))) {
                missing.add(name);
            }
        }
        if (!missing.isEmpty()) {
            throw CairnException.InvalidInput.missing(missing);
        }
        return this;
    }

    boolean has(String name) {
        return fields.get(name) != null;
    }

    /** The text of {@code name}, or null when absent; any other JSON type is refused. */
    String string(String name) {
        Object value = fields.get(name);
        if (value == null || value instanceof String) {
            return (String) value;
        }
        throw new CairnException.InvalidInput(name + " must be a string, got " + describe(value));
    }

    String string(String name, String fallback) {
        String value = string(name);
        return value == null ? fallback : value;
    }

    /**
     * The whole number in {@code name}, from {@code min} to {@code max}: a JSON number without a
     * fraction, or a string of digits (as seed 004's clients send some). Anything else, and any
     * value outside the range however large, is a 400 that names the field and the range.
     */
    long integer(String name, long min, long max) {
        Object value = fields.get(name);
        BigDecimal number = switch (value) {
            case Integer i -> BigDecimal.valueOf(i);
            case Long l -> BigDecimal.valueOf(l);
            case BigInteger b -> new BigDecimal(b);
            case BigDecimal d -> d;
            case Double d when Double.isFinite(d) -> BigDecimal.valueOf(d);
            case String s when s.strip().matches("[-+]?\\d{1,400}") -> new BigDecimal(s.strip());
            case null, default -> null;
        };
        if (number == null || number.signum() != 0 && number.stripTrailingZeros().scale() > 0) {
            throw new CairnException.InvalidInput(name + " must be a whole number from " + min + " to " + max
                    + ", got " + describe(value));
        }
        if (number.compareTo(BigDecimal.valueOf(min)) < 0 || number.compareTo(BigDecimal.valueOf(max)) > 0) {
            throw new CairnException.InvalidInput(name + " must be from " + min + " to " + max + ", got "
                    + describe(value));
        }
        return number.longValueExact();
    }

    boolean bool(String name, boolean fallback) {
        Object value = fields.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new CairnException.InvalidInput(name + " must be true or false, got " + describe(value));
    }

    /** A list of strings: a JSON array of them; absent: empty. */
    List<String> strings(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items) || items.stream().anyMatch(item -> !(item instanceof String))) {
            throw new CairnException.InvalidInput(name + " must be a list of strings, got " + describe(value));
        }
        return items.stream().map(String.class::cast).toList();
    }

    UUID uuid(String name) {
        String text = string(name);
        return text == null ? null : Ids.parse(name, text);
    }

    /** A list of uuids: a JSON array of them, or one string with commas between them; absent: empty. */
    List<UUID> uuids(String name) {
        Object value = fields.get(name);
        List<UUID> uuids = new ArrayList<>();
        if (value == null) {
            return uuids;
        }
        List<?> items = value instanceof List<?> list ? list
                : value instanceof String text ? Arrays.stream(text.split(",")).map(String::strip)
                        .filter(t -> !t.isEmpty()).toList() : null;
        if (items == null) {
            throw new CairnException.InvalidInput(name + " must be a list of uuids, got " + describe(value));
        }
        for (Object item : items) {
            if (!(item instanceof String text)) {
                throw new CairnException.InvalidInput(name + " must be a list of uuids, got " + describe(item));
            }
            uuids.add(Ids.parse(name, text));
        }
        return uuids;
    }

    /** The endpoint: a JSON object, or seed 004's JSON-encoded string of one. */
    Map<String, Object> endpoint(String name) {
        Object value = fields.get(name);
        if (value instanceof String text) {
            try {
                value = Json.MAPPER.readValue(text, Object.class);
            } catch (JacksonException e) {
                throw new CairnException.InvalidInput(name + " must be a JSON object or a JSON-encoded string of one; "
                        + "the string is not valid JSON: " + e.getOriginalMessage());
            }
            if (!(value instanceof Map<?, ?>)) {
                throw new CairnException.InvalidInput(name + " must be a JSON object or a JSON-encoded string of one, "
                        + "got a string holding " + describe(value));
            }
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        throw new CairnException.InvalidInput(name + " must be a JSON object or a JSON-encoded string of one, got "
                + describe(value));
    }

    /** A value as the client sent it, in JSON, cut short when long. */
    private static String describe(Object value) {
        String json = Json.MAPPER.writeValueAsString(value);
        return json.length() > 100 ? json.substring(0, 100) + "…" : json;
    }
}
