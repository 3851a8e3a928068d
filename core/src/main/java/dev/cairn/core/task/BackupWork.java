package dev.cairn.core.task;

import dev.cairn.core.Version;
import dev.cairn.core.agents.AgentHub;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.pipeline.ArchivePipeline;
import dev.cairn.core.pipeline.Destination;
import dev.cairn.core.pipeline.Manifest;
import dev.cairn.core.pipeline.ObjectNames;
import dev.cairn.core.pipeline.Packed;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.StorePlugin;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/**
 * A backup of a job's target into its store and the stores it copies to, reading the target once:
 * in each store the object and its manifest are written first, and that copy's archive row only
 * once the store has confirmed both. A store that fails costs only its own copy, and fails the task
 * so that the loss is seen.
 */
final class BackupWork implements Work {
    private final Repositories catalog;
    private final PluginRegistry plugins;
    private final AgentHub agents;
    private final ArchivePipeline pipeline;
    private final Clock clock;

    BackupWork(Repositories catalog, PluginRegistry plugins, AgentHub agents, ArchivePipeline pipeline, Clock clock) {
        this.catalog = catalog;
        this.plugins = plugins;
        this.agents = agents;
        this.pipeline = pipeline;
        this.clock = clock;
    }

    @Override
    public void perform(Task task, RunningTask context) throws IOException {
        Job job = catalog.jobs().get(task.job());
        Target target = catalog.targets().get(job.target());
        RetentionPolicy retention = catalog.retention().get(job.retention());
        Endpoint targetEndpoint = plugins.endpoint(target.plugin(), target.endpoint());
        targetEndpoint.secrets().forEach(context::redact);
        List<Destination> destinations = new ArrayList<>();
        for (UUID storeUuid : storesOf(job)) {
            Store store = catalog.stores().get(storeUuid);
            Endpoint endpoint = plugins.endpoint(store.plugin(), store.endpoint());
            endpoint.secrets().forEach(context::redact);
            destinations.add(new Destination(store.uuid(), store.name(), plugins.store(store.plugin()), endpoint));
        }

        Instant takenAt = clock.instant();
        UUID firstArchive = UUID.randomUUID();
        String name = ObjectNames.forArchive(target.name(), target.plugin(), firstArchive, takenAt);
        catalog.tasks().setPendingName(task.uuid(), name);
        context.log("backing up target " + target.name() + " (" + target.plugin() + ") to "
                + (destinations.size() == 1 ? "store " : "stores ")
                + String.join(", ", destinations.stream().map(d -> d.name() + " (" + d.plugin().info().name() + ")").toList())
                + " as " + name);

        Packed packed = pipeline.backup(TargetRunner.of(target, task, plugins, agents), targetEndpoint, destinations, name, context);
        Instant expiresAt = takenAt.plusSeconds(retention.expires());
        List<Archive> recorded = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (Packed.Copy copy : packed.copies()) {
            if (!copy.landed()) {
                failures.add("copy to store " + copy.destination().name() + " failed: " + copy.error().getMessage());
                continue;
            }
            if (context.cancelled()) {
                throw new CancellationException("task was stopped");
            }
            try {
                UUID archiveUuid = copy.destination() == destinations.getFirst() ? firstArchive : UUID.randomUUID();
                Archive archive = record(archiveUuid, copy, job, target, name, packed, takenAt, expiresAt, context);
                recorded.add(archive);
                context.log("archive " + archive.uuid() + " stored in " + copy.destination().name() + ": "
                        + packed.rawSize() + " bytes raw, " + packed.storedSize() + " bytes stored, sha256 "
                        + packed.sha256() + ", expires " + expiresAt);
            } catch (IOException | RuntimeException e) {
                failures.add("copy to store " + copy.destination().name() + " failed: " + e.getMessage());
            }
        }
        if (!recorded.isEmpty()) {
            catalog.tasks().setArchive(task.uuid(), recorded.getFirst().uuid());
            if (job.verify()) {
                recorded.forEach(archive -> catalog.tasks().insert(TaskRequests.verifyTask(archive, task.owner(),
                        job.priority(), clock.instant())));
            }
            for (String variant : job.variants()) {
                Task sanitise = TaskRequests.sanitiseTask(recorded.getFirst(), task.owner(), job.priority(), clock.instant());
                catalog.tasks().insert(sanitise, variant);
                context.log("queued task " + sanitise.uuid() + " to make variant '" + variant + "' of archive "
                        + recorded.getFirst().uuid());
            }
        }
        failures.forEach(context::log);
        if (!failures.isEmpty()) {
            throw new PluginException(failures.size() == 1 ? failures.getFirst()
                    : failures.size() + " of " + packed.copies().size() + " copies failed; " + failures.getFirst());
        }
    }

    /** The job's own store first, then the stores it copies to. */
    private static List<UUID> storesOf(Job job) {
        List<UUID> stores = new ArrayList<>();
        stores.add(job.store());
        stores.addAll(job.copies());
        return stores;
    }

    /**
     * Writes the manifest beside a landed copy, then its archive row. If either fails the task
     * fails, and its {@link #cleanUp} purges the copy that got no row (or records it as an orphan).
     */
    private Archive record(UUID archiveUuid, Packed.Copy copy, Job job, Target target, String name, Packed packed, Instant takenAt,
                           Instant expiresAt, RunningTask context) throws IOException {
        Destination store = copy.destination();
        Manifest manifest = new Manifest(archiveUuid.toString(), target.uuid().toString(), target.name(),
                target.plugin(), store.store().toString(), job.uuid().toString(), copy.key(), packed.rawSize(),
                packed.storedSize(), packed.sha256(), pipeline.compression(), pipeline.encryption(),
                pipeline.recipients(), takenAt, expiresAt, Version.CURRENT,
                "age -d -i cairn.key OBJECT | zstd -d > raw-" + target.plugin() + "-stream");
        String manifestKey = store.plugin().store(store.endpoint(), Manifest.nameFor(name),
                new ByteArrayInputStream(manifest.toJson()), context);
        Archive archive = new Archive(archiveUuid, target.uuid(), target.plugin(), store.store(), job.uuid(),
                copy.key(), manifestKey, takenAt, expiresAt, "", Archive.Status.VALID, packed.rawSize(),
                packed.storedSize(), packed.sha256(), pipeline.compression(), pipeline.encryption());
        catalog.archives().insert(archive);
        return archive;
    }

    /**
     * Purges the object (and manifest) a backup was writing from each store where it did not become
     * an archive. A store that cannot purge it now (it is down) gets an {@link dev.cairn.core.catalog.Orphan
     * orphan} in the catalog, which the orphan sweep purges once the store is back; the exception
     * thrown then says so, for the task log.
     */
    @Override
    public String cleanUp(Task task) {
        catalog.tasks().pendingName(task.uuid()).ifPresent(name -> {
            List<UUID> stores = catalog.jobs().find(task.job()).map(BackupWork::storesOf).orElse(List.of(task.store()));
            List<String> failures = new ArrayList<>();
            for (UUID storeUuid : stores) {
                if (catalog.archives().recordsObject(storeUuid, name)) {
                    continue;
                }
                catalog.stores().find(storeUuid).ifPresent(store -> {
                    try {
                        Endpoint endpoint = plugins.endpoint(store.plugin(), store.endpoint());
                        StorePlugin plugin = plugins.store(store.plugin());
                        Manifest.purgeWithObject(plugin, endpoint, name, Manifest.nameFor(name));
                    } catch (IOException | RuntimeException e) {
                        failures.add(orphaned(task, store, name, e));
                    }
                });
            }
            if (!failures.isEmpty()) {
                throw new dev.cairn.core.CairnException.Failure(String.join("; ", failures), null);
            }
        });
        return "partial output removed";
    }

    /** Records {@code name} as an orphan of {@code store} and says what happens to it next. */
    private String orphaned(Task task, Store store, String name, Exception failure) {
        String why = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        String cannot = "cannot remove the partial object " + name + " from store " + store.name() + " now: " + why;
        try {
            catalog.orphans().recordFailure(store.uuid(), name, task.uuid(), why, clock.instant());
            return cannot + "; it will be removed when the store is back";
        } catch (RuntimeException e) {
            return cannot + "; nor could it be recorded for a later purge (" + e.getMessage() + ")";
        }
    }
}
