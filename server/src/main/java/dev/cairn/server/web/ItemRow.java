package dev.cairn.server.web;

import dev.cairn.core.catalog.StoreHealth;
import java.util.UUID;

/**
 * A target or store as its list shows it; {@code endpoint} has secrets masked, and {@code health}
 * is a store's last self-test (null for a target).
 */
public record ItemRow(UUID uuid, String name, String summary, String plugin, String endpoint, String agent,
                      StoreHealth health) {
}
