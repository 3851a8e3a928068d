package dev.cairn.core.pipeline;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.StorePlugin;
import java.util.UUID;

/** A store a backup is written to: its catalog uuid and name, its plugin and its endpoint. */
public record Destination(UUID store, String name, StorePlugin plugin, Endpoint endpoint) {
}
