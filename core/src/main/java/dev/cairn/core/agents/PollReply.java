package dev.cairn.core.agents;

import java.util.List;
import java.util.UUID;

/** What a poll answers an agent: work to start (null when none came in time) and work to stop. */
public record PollReply(WorkOrder work, List<UUID> cancel) {
    public PollReply {
        cancel = List.copyOf(cancel);
    }
}
