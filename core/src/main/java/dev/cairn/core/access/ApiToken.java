package dev.cairn.core.access;

import java.time.Instant;
import java.util.UUID;

/** A user's named API token as listed: never its secret, which only its creator saw, once. */
public record ApiToken(UUID uuid, UUID user, String name, Instant createdAt, Instant expiresAt, Instant lastUsedAt) {
    /** Whether it has expired at {@code now} (a token without expiry never does). */
    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }
}
