package dev.cairn.server.web;

import java.util.UUID;

/** A team a form offers to own a target: its uuid ({@code null}: no team, an admin's choice) and its name. */
public record TeamChoice(UUID uuid, String name) {
    /** The option's value: the uuid, or "" for no team. */
    public String value() {
        return uuid == null ? "" : uuid.toString();
    }
}
