package dev.cairn.server.web;

import dev.cairn.core.catalog.StoreHealth;
import java.util.UUID;

/**
 * A target or store as its list shows it; {@code endpoint} has secrets masked, {@code health}
 * is a store's last self-test (null for a target), {@code team} the name of a target's team ("" for
 * none or a store), {@code editable} whether the signed-in user may change or delete it, and
 * {@code download} the short download path and query of a target's latest archive
 * ({@code /download/shop?format=sql}), "" when the user may not download it (and for a store), and
 * {@code instances} whether the user may make a throw-away instance of a target's latest archive,
 * {@code sanitisedInstances} whether one with the target's sanitising rules applied (it has rules).
 */
public record ItemRow(UUID uuid, String name, String summary, String plugin, String endpoint, String agent,
                      StoreHealth health, String team, boolean editable, String download, boolean instances,
                      boolean sanitisedInstances) {
}
