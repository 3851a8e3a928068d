package dev.cairn.core.catalog;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** An agent as it last announced itself: its name, the target plugins it runs, its version, when it last polled. */
public record Agent(String name, List<String> plugins, String version, Instant lastSeen) {
    public Agent {
        Objects.requireNonNull(name, "name");
        plugins = List.copyOf(plugins);
        version = version == null ? "" : version;
    }
}
