package dev.cairn.core.notify;

import java.time.Instant;
import java.util.UUID;

/** How one notification went to one channel: sent, or failed after {@code attempts} tries and why. */
public record Delivery(UUID uuid, UUID channel, Event event, String subject, Instant at, boolean sent, int attempts,
                       String error) {
}
