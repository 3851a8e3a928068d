package dev.cairn.core.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** Where archives go: a storage plugin and its endpoint. */
public record Store(UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint) {
    public Store {
        summary = summary == null ? "" : summary;
        endpoint = Collections.unmodifiableMap(new LinkedHashMap<>(endpoint));
    }
}
