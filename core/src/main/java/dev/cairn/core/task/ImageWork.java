package dev.cairn.core.task;

import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.instances.Images;
import dev.cairn.core.pipeline.ArchivePipeline;
import dev.cairn.core.pipeline.DamagedArchiveException;
import dev.cairn.core.pipeline.StoredObject;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;

/**
 * An image task: the archive is read from its store and checked to its end first, as for a restore,
 * so that a damaged archive never becomes an image; then it is read again, through a stream that
 * fails rather than ends when the object changed in between, into the image's data system
 * ({@link Images#build}). A failed, cancelled or interrupted one leaves nothing behind.
 */
final class ImageWork implements Work {
    private final Repositories catalog;
    private final PluginRegistry plugins;
    private final ArchivePipeline pipeline;
    private final Images images;

    ImageWork(Repositories catalog, PluginRegistry plugins, ArchivePipeline pipeline, Images images) {
        this.catalog = catalog;
        this.plugins = plugins;
        this.pipeline = pipeline;
        this.images = images;
    }

    @Override
    public void perform(Task task, RunningTask context) throws IOException {
        Archive archive = catalog.archives().get(task.archive());
        context.aftermath("no image was made: nothing of it is left on disk");
        if (!archive.status().stored()) {
            throw new PluginException("archive " + archive.uuid() + " was purged from its store; no image can be made of it");
        }
        if (archive.status() == Archive.Status.DAMAGED) {
            throw new PluginException("archive " + archive.uuid() + " is damaged and no image is made of it: "
                    + catalog.archives().damage(archive.uuid()).orElse("a check of its object failed"));
        }
        Store store = catalog.stores().get(archive.store());
        Endpoint storeEndpoint = plugins.endpoint(store.plugin(), store.endpoint());
        storeEndpoint.secrets().forEach(context::redact);
        StoredObject object = VerifyWork.storedObject(archive);
        context.log("checking archive " + archive.uuid() + " (taken " + archive.takenAt() + ", " + archive.storedSize()
                + " bytes in store " + store.name() + ") to its end before loading it");
        long plain;
        try {
            plain = pipeline.verify(plugins.store(store.plugin()), storeEndpoint, object, context);
        } catch (DamagedArchiveException e) {
            catalog.archives().markDamaged(archive.uuid(), e.getMessage());
            throw new PluginException("archive " + archive.uuid() + " is damaged: " + e.getMessage() + "; it is marked damaged", e);
        }
        context.log("archive checked (sha256 matches, " + plain + " bytes)");
        try {
            images.build(task, context, () -> pipeline.open(plugins.store(store.plugin()), storeEndpoint, object));
        } catch (IOException e) {
            if (e.getCause() instanceof DamagedArchiveException damaged) {
                catalog.archives().markDamaged(archive.uuid(), damaged.getMessage());
                throw new PluginException("archive " + archive.uuid() + " proved damaged while it was loaded: "
                        + damaged.getMessage() + "; it is marked damaged", e);
            }
            throw e;
        }
    }

    @Override
    public String cleanUp(Task task) {
        return images.discard(task, "its image task did not finish");
    }

    @Override
    public String recover(Task task, TaskContext context) {
        String removed = images.discard(task, "the server restarted while it was being built");
        return removed == null ? "nothing of the image was on disk" : removed;
    }
}
