package dev.cairn.core.agents;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One piece of work handed to an agent: back up or restore a target through its local plugin.
 * The endpoint holds its secrets in the clear, since the agent must connect; it travels only over
 * the agent's authenticated poll and is never logged.
 *
 * @param uuid     the work's id in the data, result and log routes
 * @param task     the task it belongs to
 * @param op       {@code backup} or {@code restore}
 * @param plugin   the target plugin the agent runs
 * @param endpoint the target's endpoint values
 */
public record WorkOrder(UUID uuid, UUID task, String op, String plugin, Map<String, Object> endpoint) {
    public WorkOrder {
        endpoint = Collections.unmodifiableMap(new LinkedHashMap<>(endpoint));
    }

    @Override
    public String toString() {
        return "WorkOrder[" + uuid + ", " + op + " " + plugin + ", task " + task + "]";
    }
}
