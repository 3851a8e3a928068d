package dev.cairn.core.catalog;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * A data system to back up: which plugin reaches it, with what endpoint, through which agent (empty: the
 * core itself), and which team owns it (null: no team; only admins see it).
 */
public record Target(UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint, String agent,
                     UUID team) {
    /** A target of no team. */
    public Target(UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint, String agent) {
        this(uuid, name, summary, plugin, endpoint, agent, null);
    }

    /** This target, owned by {@code team}. */
    public Target ownedBy(UUID team) {
        return new Target(uuid, name, summary, plugin, endpoint, agent, team);
    }

    public Target {
        summary = summary == null ? "" : summary;
        agent = agent == null ? "" : agent;
        endpoint = Collections.unmodifiableMap(new LinkedHashMap<>(endpoint));
    }
}
