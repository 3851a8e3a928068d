package dev.cairn.core.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A data system to back up: which plugin reaches it, with what endpoint, through which agent (empty: the core itself). */
public record Target(UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint, String agent) {
    public Target {
        summary = summary == null ? "" : summary;
        agent = agent == null ? "" : agent;
        endpoint = Collections.unmodifiableMap(new LinkedHashMap<>(endpoint));
    }
}
