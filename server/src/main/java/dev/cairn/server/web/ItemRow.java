package dev.cairn.server.web;

import java.util.UUID;

/** A target or store as its list shows it; {@code endpoint} has secrets masked. */
public record ItemRow(UUID uuid, String name, String summary, String plugin, String endpoint, String agent) {
}
