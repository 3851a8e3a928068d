package dev.cairn.plugin;

import java.util.Objects;

/** The role a developer signs in to an instance with: a name and a password Cairn generated. */
public record EngineAccess(String user, String password) {
    public EngineAccess {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
        return "EngineAccess[user=" + user + ", password=********]";
    }
}
