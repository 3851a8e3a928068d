package dev.cairn.core.plugins;

import dev.cairn.core.catalog.EndpointCodec;
import dev.cairn.core.keys.SecretBox;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps endpoints in the catalog as JSON with the values of secret fields sealed; an opaque endpoint
 * (a plugin that declares no fields) is sealed whole, kept as one JSON string.
 */
public final class SealedEndpoints implements EndpointCodec {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    private final PluginRegistry plugins;
    private final SecretBox box;

    public SealedEndpoints(PluginRegistry plugins, SecretBox box) {
        this.plugins = plugins;
        this.box = box;
    }

    @Override
    public String encode(String plugin, Map<String, Object> endpoint) {
        if (plugins.opaque(plugin)) {
            return JSON.writeValueAsString(box.seal(JSON.writeValueAsString(endpoint)));
        }
        Map<String, Object> sealed = new LinkedHashMap<>(endpoint);
        sealed.replaceAll((field, value) -> plugins.secret(plugin, field) && value != null && !value.toString().isEmpty()
                ? box.seal(value.toString()) : value);
        return JSON.writeValueAsString(sealed);
    }

    @Override
    public Map<String, Object> decode(String plugin, String stored) {
        if (stored.startsWith("\"")) {
            // sealed whole, whatever the plugin has become since
            String sealed = JSON.readValue(stored, String.class);
            return JSON.readValue(SecretBox.isSealed(sealed) ? box.open(sealed) : sealed, MAP);
        }
        Map<String, Object> values = JSON.readValue(stored, MAP);
        values.replaceAll((field, value) -> value instanceof String s && SecretBox.isSealed(s) ? box.open(s) : value);
        return values;
    }
}
