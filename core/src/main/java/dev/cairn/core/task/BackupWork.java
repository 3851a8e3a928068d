package dev.cairn.core.task;

import dev.cairn.core.Version;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.pipeline.ArchivePipeline;
import dev.cairn.core.pipeline.Manifest;
import dev.cairn.core.pipeline.ObjectNames;
import dev.cairn.core.pipeline.Packed;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.StorePlugin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * A backup of a job's target into its store: the object and its manifest are written first, and
 * the archive row only once the store has confirmed both.
 */
final class BackupWork implements Work {
    private final Repositories catalog;
    private final PluginRegistry plugins;
    private final ArchivePipeline pipeline;
    private final Clock clock;

    BackupWork(Repositories catalog, PluginRegistry plugins, ArchivePipeline pipeline, Clock clock) {
        this.catalog = catalog;
        this.plugins = plugins;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    @Override
    public void perform(Task task, RunningTask context) throws IOException {
        Job job = catalog.jobs().get(task.job());
        Target target = catalog.targets().get(job.target());
        Store store = catalog.stores().get(job.store());
        RetentionPolicy retention = catalog.retention().get(job.retention());
        Endpoint targetEndpoint = plugins.endpoint(target.plugin(), target.endpoint());
        Endpoint storeEndpoint = plugins.endpoint(store.plugin(), store.endpoint());
        targetEndpoint.secrets().forEach(context::redact);
        storeEndpoint.secrets().forEach(context::redact);
        StorePlugin storePlugin = plugins.store(store.plugin());

        UUID archiveUuid = UUID.randomUUID();
        Instant takenAt = clock.instant();
        String name = ObjectNames.forArchive(target.name(), target.plugin(), archiveUuid, takenAt);
        catalog.tasks().setPendingName(task.uuid(), name);
        context.log("backing up target " + target.name() + " (" + target.plugin() + ") to store " + store.name()
                + " (" + store.plugin() + ") as " + name);

        Packed packed = pipeline.backup(plugins.target(target.plugin()), targetEndpoint, storePlugin, storeEndpoint,
                name, context);
        Instant expiresAt = takenAt.plusSeconds(retention.expires());
        Manifest manifest = new Manifest(archiveUuid.toString(), target.uuid().toString(), target.name(),
                target.plugin(), store.uuid().toString(), job.uuid().toString(), packed.key(), packed.rawSize(),
                packed.storedSize(), packed.sha256(), pipeline.compression(), pipeline.encryption(),
                pipeline.recipients(), takenAt, expiresAt, Version.CURRENT,
                "age -d -i cairn.key OBJECT | zstd -d > raw-" + target.plugin() + "-stream");
        String manifestKey;
        try {
            manifestKey = storePlugin.store(storeEndpoint, Manifest.nameFor(name),
                    new ByteArrayInputStream(manifest.toJson()), context);
        } catch (IOException | RuntimeException e) {
            storePlugin.purge(storeEndpoint, packed.key());
            throw e;
        }
        if (context.cancelled()) {
            throw new java.util.concurrent.CancellationException("task was stopped");
        }
        catalog.archives().insert(new Archive(archiveUuid, target.uuid(), target.plugin(), store.uuid(), job.uuid(), packed.key(),
                manifestKey, takenAt, expiresAt, "", Archive.Status.VALID, packed.rawSize(), packed.storedSize(),
                packed.sha256(), pipeline.compression(), pipeline.encryption()));
        catalog.tasks().setArchive(task.uuid(), archiveUuid);
        context.log("archive " + archiveUuid + " stored: " + packed.rawSize() + " bytes raw, " + packed.storedSize()
                + " bytes stored, sha256 " + packed.sha256() + ", expires " + expiresAt);
    }

    /** Purges the object (and manifest) a backup was writing, unless it became an archive. */
    @Override
    public void cleanUp(Task task) {
        catalog.tasks().pendingName(task.uuid()).ifPresent(name -> {
            if (catalog.archives().recordsObject(task.store(), name)) {
                return;
            }
            Store store = catalog.stores().get(task.store());
            Endpoint endpoint = plugins.endpoint(store.plugin(), store.endpoint());
            StorePlugin plugin = plugins.store(store.plugin());
            try {
                plugin.purge(endpoint, name);
                plugin.purge(endpoint, Manifest.nameFor(name));
            } catch (IOException | RuntimeException e) {
                throw new dev.cairn.core.CairnException.Failure("cannot remove the partial object " + name
                        + " from store " + store.name() + ": " + e.getMessage(), e);
            }
        });
    }
}
