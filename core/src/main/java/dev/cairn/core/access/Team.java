package dev.cairn.core.access;

import java.util.UUID;

/** A group of people that owns targets, their jobs and what they make (seed 003's "space"). */
public record Team(UUID uuid, String name, String summary) {
    public Team {
        summary = summary == null ? "" : summary;
    }
}
