package dev.cairn.agent;

import java.util.Map;
import java.util.UUID;

/** Work the core handed this agent: back up or restore a target through a local plugin. The endpoint holds secrets. */
record Assignment(UUID uuid, UUID task, String op, String plugin, Map<String, Object> endpoint) {
    @Override
    public String toString() {
        return op + " of task " + task + " with plugin " + plugin + " (work " + uuid + ")";
    }
}
