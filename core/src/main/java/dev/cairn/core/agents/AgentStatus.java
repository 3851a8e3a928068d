package dev.cairn.core.agents;

import java.time.Instant;
import java.util.List;

/**
 * An agent as {@code GET /v1/agents} shows it.
 *
 * @param healthy whether it polled within {@link AgentHub#HEALTHY_WITHIN}
 * @param running how many pieces of work it runs for this server now
 */
public record AgentStatus(String name, List<String> plugins, String version, Instant lastSeen, boolean healthy,
                          int running) {
}
