package dev.cairn.core.catalog;

import java.util.Map;
import java.util.UUID;

/** Where archives go: a storage plugin and its endpoint. */
public record Store(UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint) {
    public Store {
        summary = summary == null ? "" : summary;
        endpoint = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(endpoint));
    }
}
