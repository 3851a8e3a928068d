package dev.cairn.core.notify;

import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Redactor;
import java.util.Map;
import java.util.UUID;

/**
 * Masks the secrets of a target's and a store's endpoints in text a notification quotes (a task's
 * log, a store's error), on top of the masking the task log already had: a notification leaves the
 * building, so it is masked again against the endpoints as they are now.
 */
final class SecretMask {
    private final Repositories catalog;
    private final PluginRegistry plugins;

    SecretMask(Repositories catalog, PluginRegistry plugins) {
        this.catalog = catalog;
        this.plugins = plugins;
    }

    /** {@code text} with every secret of target {@code target} and store {@code store} (either may be null) masked. */
    String mask(String text, UUID target, UUID store) {
        Redactor redactor = new Redactor(Redactor.MASK);
        if (target != null) {
            catalog.targets().find(target).ifPresent(t -> add(redactor, t.plugin(), t.endpoint()));
        }
        if (store != null) {
            catalog.stores().find(store).ifPresent(s -> add(redactor, s.plugin(), s.endpoint()));
        }
        return redactor.mask(text);
    }

    private void add(Redactor redactor, String plugin, Map<String, Object> endpoint) {
        boolean opaque = plugins.opaque(plugin);
        endpoint.forEach((field, value) -> {
            if (value != null && !value.toString().isEmpty() && (opaque || plugins.secret(plugin, field))) {
                redactor.add(value.toString());
            }
        });
    }
}
