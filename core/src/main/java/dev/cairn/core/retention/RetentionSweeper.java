package dev.cairn.core.retention;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Archives;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Stores;
import dev.cairn.core.pipeline.Manifest;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.StorePlugin;
import java.io.IOException;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges archives from their stores: expired ones on each sweep, and one at a time when an
 * operator deletes an archive. An archive is marked purged only once its store confirms the
 * object is gone; until then it stays valid and the next sweep tries again.
 */
public final class RetentionSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
    private final Archives archives;
    private final Stores stores;
    private final PluginRegistry plugins;

    public RetentionSweeper(Archives archives, Stores stores, PluginRegistry plugins) {
        this.archives = archives;
        this.stores = stores;
        this.plugins = plugins;
    }

    /** Purges every archive expired at {@code now}; returns how many were purged. */
    public int sweep(Instant now) {
        int purged = 0;
        for (Archive archive : archives.expired(now)) {
            try {
                purge(archive);
                purged++;
            } catch (CairnException e) {
                LOG.warn("archive {} expired but could not be purged yet: {}", archive.uuid(), e.getMessage());
            }
        }
        return purged;
    }

    /** Removes {@code archive}'s object and manifest from its store, then marks it purged. */
    public void purge(Archive archive) {
        Store store = stores.get(archive.store());
        StorePlugin plugin = plugins.store(store.plugin());
        Endpoint endpoint = plugins.endpoint(store.plugin(), store.endpoint());
        try {
            Manifest.purgeWithObject(plugin, endpoint, archive.storeKey(), archive.manifestKey());
            if (plugin.exists(endpoint, archive.storeKey())) {
                throw new IOException("the object is still there after purging");
            }
        } catch (IOException | RuntimeException e) {
            String why = "cannot purge archive " + archive.uuid() + " from store " + store.name() + ": " + e.getMessage();
            archives.recordPurgeError(archive.uuid(), why);
            throw new CairnException.Failure(why, e);
        }
        archives.markPurged(archive.uuid());
    }
}
