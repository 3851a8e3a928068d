package dev.cairn.server.service;

import dev.cairn.core.CairnException;
import dev.cairn.core.plugins.PluginRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * An endpoint as JSON text, the one form both front ends show and take: written with its secrets
 * masked as the API replies, and read back from what a client typed (masked values sent back keep
 * the stored ones once {@link CatalogInput} accepts the endpoint).
 */
public final class EndpointJson {
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private EndpointJson() {
    }

    /** {@code endpoint} as JSON with {@code plugin}'s secrets masked (every value of an opaque endpoint). */
    public static String masked(PluginRegistry plugins, String plugin, Map<String, Object> endpoint) {
        return MAPPER.writeValueAsString(plugins.masked(plugin, endpoint));
    }

    /** The JSON object {@code text} holds, or a 400 naming {@code field} and what the parser found. */
    public static Map<String, Object> read(String field, String text) {
        Object parsed;
        try {
            parsed = MAPPER.readValue(text, Object.class);
        } catch (JacksonException e) {
            throw new CairnException.InvalidInput(field + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(parsed instanceof Map<?, ?> map)) {
            throw new CairnException.InvalidInput(field + " must be a JSON object such as {\"key\": \"value\"}, got "
                    + MAPPER.writeValueAsString(parsed));
        }
        Map<String, Object> endpoint = new LinkedHashMap<>();
        map.forEach((key, value) -> endpoint.put(String.valueOf(key), value));
        return endpoint;
    }
}
