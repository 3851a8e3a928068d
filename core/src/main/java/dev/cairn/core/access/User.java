package dev.cairn.core.access;

import java.time.Instant;
import java.util.UUID;

/**
 * A person (or a script's identity) Cairn knows. {@code passwordHash} is a PHC string or null when
 * the user signs in only with tokens, a directory or a proxy; it never leaves the core.
 */
public record User(UUID uuid, String name, String displayName, String passwordHash, boolean admin, String source,
                   Instant createdAt) {
    public static final String LOCAL = "local";

    public User {
        displayName = displayName == null ? "" : displayName;
        source = source == null ? LOCAL : source;
    }

    /** The display name, or the user name when there is none. */
    public String shownName() {
        return displayName.isEmpty() ? name : displayName;
    }
}
