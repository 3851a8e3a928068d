package dev.cairn.core.task;

import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.pipeline.ArchivePipeline;
import dev.cairn.core.pipeline.DamagedArchiveException;
import dev.cairn.core.pipeline.StoredObject;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import java.io.IOException;

/**
 * A verify of an archive: its object is read back from its store to the end, its manifest and
 * SHA-256 checked against the catalog, and it is decrypted and decompressed to the end without
 * being restored anywhere. It proves the archive could be restored, short of the target accepting
 * it. An archive that fails is marked {@code damaged}; one that passes is {@code valid} again.
 */
final class VerifyWork implements Work {
    private final Repositories catalog;
    private final PluginRegistry plugins;
    private final ArchivePipeline pipeline;

    VerifyWork(Repositories catalog, PluginRegistry plugins, ArchivePipeline pipeline) {
        this.catalog = catalog;
        this.plugins = plugins;
        this.pipeline = pipeline;
    }

    /** What the pipeline checks {@code archive}'s object against. */
    static StoredObject storedObject(Archive archive) {
        return new StoredObject(archive.uuid(), archive.storeKey(), archive.manifestKey(), archive.sha256(),
                archive.rawSize());
    }

    @Override
    public void perform(Task task, RunningTask context) throws IOException {
        Archive archive = catalog.archives().get(task.archive());
        if (!archive.status().stored()) {
            throw new PluginException("archive " + archive.uuid() + " was purged from its store; there is nothing to verify");
        }
        Store store = catalog.stores().get(archive.store());
        Endpoint endpoint = plugins.endpoint(store.plugin(), store.endpoint());
        endpoint.secrets().forEach(context::redact);
        context.log("verifying archive " + archive.uuid() + " (taken " + archive.takenAt() + ") in store " + store.name()
                + ": " + archive.storedSize() + " bytes stored, sha256 " + archive.sha256());
        long plain;
        try {
            plain = pipeline.verify(plugins.store(store.plugin()), endpoint, storedObject(archive), context);
        } catch (DamagedArchiveException e) {
            catalog.archives().markDamaged(archive.uuid(), e.getMessage());
            throw new PluginException("archive " + archive.uuid() + " failed verification: " + e.getMessage()
                    + "; it is marked damaged, and restores refuse it", e);
        } catch (PluginException e) {
            throw new PluginException("archive " + archive.uuid() + " failed verification: " + e.getMessage(), e);
        }
        context.log("archive " + archive.uuid() + " verified: checksum matches, " + plain
                + " bytes decrypted and decompressed");
        if (archive.status() == Archive.Status.DAMAGED) {
            catalog.archives().markVerified(archive.uuid());
            context.log("archive " + archive.uuid() + " was marked damaged; it is valid again");
        }
    }

    @Override
    public String cleanUp(Task task) {
        return null; // a verify only reads
    }
}
