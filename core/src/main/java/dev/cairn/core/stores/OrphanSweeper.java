package dev.cairn.core.stores;

import dev.cairn.core.catalog.Orphan;
import dev.cairn.core.catalog.Orphans;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Stores;
import dev.cairn.core.pipeline.Manifest;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.StorePlugin;
import java.io.IOException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges the {@link Orphan orphans} failed backups left in stores that were down: each sweep purges
 * every orphan and the manifest beside it again, and forgets it only once the store confirms both
 * are gone. A store's purge also removes a partial upload of the name (S3 multipart parts, an SFTP
 * {@code NAME.partial}), so nothing of the backup is left.
 */
public final class OrphanSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(OrphanSweeper.class);
    private final Orphans orphans;
    private final Stores stores;
    private final PluginRegistry plugins;

    public OrphanSweeper(Orphans orphans, Stores stores, PluginRegistry plugins) {
        this.orphans = orphans;
        this.stores = stores;
        this.plugins = plugins;
    }

    /**
     * Purges every orphan at {@code now} and returns how many are gone. After a store has failed
     * once, its other orphans wait for the next sweep: it is most likely still down, and each try
     * could cost a connection timeout.
     */
    public int sweep(Instant now) {
        int purged = 0;
        Set<UUID> failing = new HashSet<>();
        for (Orphan orphan : orphans.list()) {
            if (failing.contains(orphan.store())) {
                continue;
            }
            Optional<Store> store = stores.find(orphan.store());
            if (store.isEmpty()) {
                orphans.forget(orphan.store(), orphan.key());
                continue;
            }
            try {
                purge(store.get(), orphan.key());
                orphans.forget(orphan.store(), orphan.key());
                purged++;
                LOG.info("removed the object {} a failed backup left in store {} (after {} failed purges)",
                        orphan.key(), store.get().name(), orphan.attempts());
            } catch (IOException | RuntimeException e) {
                failing.add(orphan.store());
                String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                orphans.recordFailure(orphan.store(), orphan.key(), orphan.task(), why, now);
                LOG.warn("the object {} a failed backup left in store {} could not be purged yet ({} failed purges since {}): {}; "
                        + "trying again at the next sweep", orphan.key(), store.get().name(), orphan.attempts() + 1,
                        orphan.foundAt(), why);
            }
        }
        return purged;
    }

    private void purge(Store store, String key) throws IOException {
        StorePlugin plugin = plugins.store(store.plugin());
        Endpoint endpoint = plugins.endpoint(store.plugin(), store.endpoint());
        String manifest = Manifest.nameFor(key);
        Manifest.purgeWithObject(plugin, endpoint, key, manifest);
        if (plugin.exists(endpoint, key) || plugin.exists(endpoint, manifest)) {
            throw new IOException("the store still holds it after purging");
        }
    }
}
