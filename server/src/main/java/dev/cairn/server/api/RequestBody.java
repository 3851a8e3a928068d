package dev.cairn.server.api;

import dev.cairn.core.CairnException;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;

/**
 * A request's JSON object, with readers that name the field in every error: missing fields are
 * collected into one 400 that lists them all, and a field of the wrong type says what it got.
 */
final class RequestBody {
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
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
            if (!(parsed instanceof Map<?, ?>)) {
                throw new CairnException.InvalidInput("request body must be a JSON object");
            }
            return new RequestBody(Json.MAPPER.readValue(text, MAP));
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

    String string(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return null;
        }
        if (value instanceof Map || value instanceof List) {
            throw new CairnException.InvalidInput(name + " must be a string, got " + Json.MAPPER.writeValueAsString(value));
        }
        return value.toString();
    }

    String string(String name, String fallback) {
        String value = string(name);
        return value == null ? fallback : value;
    }

    long integer(String name) {
        Object value = fields.get(name);
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        if (value instanceof String s && s.trim().matches("-?\\d+")) {
            return Long.parseLong(s.trim());
        }
        throw new CairnException.InvalidInput(name + " must be a whole number, got " + Json.MAPPER.writeValueAsString(value));
    }

    boolean bool(String name, boolean fallback) {
        Object value = fields.get(name);
        if (value == null) {
            return fallback;
        }
        if (value instanceof Boolean b) {
            return b;
        }
        throw new CairnException.InvalidInput(name + " must be true or false, got " + Json.MAPPER.writeValueAsString(value));
    }

    /** A list of strings: a JSON array of them; absent: empty. */
    List<String> strings(String name) {
        Object value = fields.get(name);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> items) || items.stream().anyMatch(item -> !(item instanceof String))) {
            throw new CairnException.InvalidInput(name + " must be a list of strings, got " + Json.MAPPER.writeValueAsString(value));
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
            throw new CairnException.InvalidInput(name + " must be a list of uuids, got " + Json.MAPPER.writeValueAsString(value));
        }
        for (Object item : items) {
            if (!(item instanceof String text)) {
                throw new CairnException.InvalidInput(name + " must be a list of uuids, got " + Json.MAPPER.writeValueAsString(item));
            }
            uuids.add(Ids.parse(name, text));
        }
        return uuids;
    }

    /** The endpoint: a JSON object, or seed 004's JSON-encoded string of one. */
    Map<String, Object> endpoint(String name) {
        Object value = fields.get(name);
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> copy.put(String.valueOf(k), v));
            return copy;
        }
        if (value instanceof String text) {
            try {
                return Json.MAPPER.readValue(text, MAP);
            } catch (JacksonException e) {
                throw new CairnException.InvalidInput(name + " must be a JSON object or a JSON-encoded string of one: "
                        + e.getOriginalMessage());
            }
        }
        throw new CairnException.InvalidInput(name + " must be a JSON object, got " + Json.MAPPER.writeValueAsString(value));
    }
}
