package dev.cairn.core.task;

import dev.cairn.core.Version;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.instances.EngineSanitising;
import dev.cairn.core.instances.ScratchEngines;
import dev.cairn.core.pipeline.ArchivePipeline;
import dev.cairn.core.pipeline.Destination;
import dev.cairn.core.pipeline.Manifest;
import dev.cairn.core.pipeline.ObjectNames;
import dev.cairn.core.pipeline.Packed;
import dev.cairn.core.pipeline.StoredObject;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.core.sanitise.RulesVersion;
import dev.cairn.core.sanitise.SanitiseRules;
import dev.cairn.core.sanitise.Sanitiser;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;

/**
 * A sanitise task: makes variant {@code NAME} of a full archive. The archive is loaded into a
 * scratch engine ({@link ScratchEngines}), the target's latest rules are applied with its hash key
 * ({@link Sanitiser#run}, strict unless the rules say otherwise), and the result is backed up again
 * by the target's own plugin, through the archive pipeline, into the stores of the archive's job,
 * so a variant downloads, restores and becomes an image as the full archive does. Each stored copy
 * is recorded as an archive naming its variant, its source and the rules' version, expiring with
 * its source. The scratch engine is removed whatever happens; a failed or cancelled run leaves no
 * object and no archive.
 */
final class SanitiseWork implements Work {
    /** The variant made when none is named. */
    static final String DEFAULT_VARIANT = "sanitised";
    private final Repositories catalog;
    private final PluginRegistry plugins;
    private final ArchivePipeline pipeline;
    private final ScratchEngines scratch;
    private final SanitiseRules rules;
    private final Work partialObjects;

    /** {@code partialObjects} purges the objects a stopped run was writing (a backup's clean-up does that). */
    SanitiseWork(Repositories catalog, PluginRegistry plugins, ArchivePipeline pipeline, ScratchEngines scratch,
                 SanitiseRules rules, Work partialObjects) {
        this.catalog = catalog;
        this.plugins = plugins;
        this.pipeline = pipeline;
        this.scratch = scratch;
        this.rules = rules;
        this.partialObjects = partialObjects;
    }

    @Override
    public void perform(Task task, RunningTask context) throws Exception {
        Archive source = catalog.archives().get(task.archive());
        String variant = catalog.tasks().variant(task.uuid()).filter(v -> !v.isBlank()).orElse(DEFAULT_VARIANT);
        context.aftermath("no variant was made: nothing of it is stored and its scratch data system is removed");
        if (source.isVariant()) {
            throw new PluginException("archive " + source.uuid() + " is itself variant '" + source.variant()
                    + "'; variants are made of full archives");
        }
        if (source.status() != Archive.Status.VALID) {
            throw new PluginException("archive " + source.uuid() + " is " + source.status().wire()
                    + "; no variant is made of it");
        }
        Target target = catalog.targets().get(source.target());
        RulesVersion version = rules.latest(target.uuid()).orElseThrow(() -> new PluginException("target " + target.name()
                + " has no sanitising rules, so no variant '" + variant + "' is made (save them with cairn edit rules "
                + target.name() + " --file RULES)"));
        byte[] key = rules.hashKey(target.uuid());
        Endpoint targetEndpoint = plugins.endpoint(target.plugin(), target.endpoint());
        Store sourceStore = catalog.stores().get(source.store());
        Endpoint sourceStoreEndpoint = plugins.endpoint(sourceStore.plugin(), sourceStore.endpoint());
        sourceStoreEndpoint.secrets().forEach(context::redact);
        Job job = source.job() == null ? null : catalog.jobs().find(source.job()).orElse(null);
        List<Destination> destinations = new ArrayList<>();
        for (UUID storeUuid : storesOf(job, source)) {
            Store store = catalog.stores().get(storeUuid);
            Endpoint endpoint = plugins.endpoint(store.plugin(), store.endpoint());
            endpoint.secrets().forEach(context::redact);
            destinations.add(new Destination(store.uuid(), store.name(), plugins.store(store.plugin()), endpoint));
        }
        UUID firstArchive = UUID.randomUUID();
        String name = ObjectNames.forArchive(target.name() + "-" + variant, target.plugin(), firstArchive, source.takenAt());
        context.log("making variant '" + variant + "' of archive " + source.uuid() + " (taken " + source.takenAt()
                + ") with rules version " + version.version() + " of target " + target.name());
        StoredObject object = VerifyWork.storedObject(source);
        boolean streamed = scratch.rewritesData(target.plugin()) && Sanitiser.streams(version.rules());
        Sanitiser.Streamed[] streaming = new Sanitiser.Streamed[1];
        ScratchEngines.Rewrite rewrite = !streamed ? null : probe -> {
            streaming[0] = EngineSanitising.transformer(target.plugin(), probe.home(), probe.access(),
                    probe.databases().getFirst(), version.rules(), key);
            context.log("the rules fit the archive's schema; applying them to the rows as they load");
            return streaming[0].transformer()::transform;
        };
        Packed packed = scratch.use(target.plugin(), task.uuid(), context,
                () -> pipeline.open(plugins.store(sourceStore.plugin()), sourceStoreEndpoint, object), rewrite, s -> {
                    Map<String, Object> values = new LinkedHashMap<>(target.endpoint());
                    values.put("host", s.home().host());
                    values.put("port", s.home().port());
                    values.put("user", s.access().user());
                    values.put("password", s.access().password());
                    String database = EngineSanitising.database(target.endpoint(), s.databases());
                    if (streaming[0] == null) {
                        EngineSanitising.apply(target.plugin(), s.home(), s.access(), database, version.rules(), key, context);
                    } else {
                        context.log(streaming[0].transformer().rows() + " rows rewritten or left out as they loaded");
                        EngineSanitising.logPersonal(streaming[0].personal(), context);
                        EngineSanitising.removeLargeObjects(target.plugin(), s.home(), s.access(), database, context);
                    }
                    cancelled(context);
                    catalog.tasks().setPendingName(task.uuid(), name);
                    context.log("dumping the sanitised data with the " + target.plugin() + " plugin's own backup as " + name);
                    return pipeline.backup(plugins.target(target.plugin()), plugins.endpoint(target.plugin(), values),
                            destinations, name, context);
                });
        List<String> failures = new ArrayList<>();
        UUID first = null;
        for (Packed.Copy copy : packed.copies()) {
            if (!copy.landed()) {
                failures.add("copy to store " + copy.destination().name() + " failed: " + copy.error().getMessage());
                continue;
            }
            if (context.cancelled()) {
                throw new CancellationException("task was stopped");
            }
            UUID uuid = copy.destination() == destinations.getFirst() ? firstArchive : UUID.randomUUID();
            try {
                record(uuid, copy, source, target, variant, version.version(), name, packed, context);
                first = first == null ? uuid : first;
                context.log("variant '" + variant + "' stored in " + copy.destination().name() + " as archive " + uuid
                        + ": " + packed.rawSize() + " bytes raw, " + packed.storedSize() + " bytes stored");
            } catch (IOException | RuntimeException e) {
                failures.add("copy to store " + copy.destination().name() + " failed: " + e.getMessage());
            }
        }
        if (first != null) {
            catalog.tasks().setArchive(task.uuid(), first);
        }
        failures.forEach(context::log);
        if (!failures.isEmpty()) {
            throw new PluginException(failures.getFirst());
        }
    }

    /** The job's own store first, then the stores it copies to; without a job, the source's store. */
    static List<UUID> storesOf(Job job, Archive source) {
        if (job == null) {
            return List.of(source.store());
        }
        List<UUID> stores = new ArrayList<>();
        stores.add(job.store());
        stores.addAll(job.copies());
        return stores;
    }

    private void record(UUID uuid, Packed.Copy copy, Archive source, Target target, String variant, int rulesVersion,
                        String name, Packed packed, RunningTask context) throws IOException {
        Destination store = copy.destination();
        Manifest manifest = new Manifest(uuid.toString(), target.uuid().toString(), target.name(), target.plugin(),
                store.store().toString(), source.job() == null ? "" : source.job().toString(), copy.key(), packed.rawSize(),
                packed.storedSize(), packed.sha256(), pipeline.compression(), pipeline.encryption(), pipeline.recipients(),
                source.takenAt(), source.expiresAt(), Version.CURRENT,
                "age -d -i cairn.key OBJECT | zstd -d > raw-" + target.plugin() + "-stream (sanitised variant '" + variant
                        + "' of archive " + source.uuid() + ")", variant, source.uuid().toString(), rulesVersion);
        String manifestKey = store.plugin().store(store.endpoint(), Manifest.nameFor(name),
                new ByteArrayInputStream(manifest.toJson()), context);
        catalog.archives().insert(new Archive(uuid, target.uuid(), target.plugin(), store.store(), source.job(), copy.key(),
                manifestKey, source.takenAt(), source.expiresAt(), "", Archive.Status.VALID, packed.rawSize(),
                packed.storedSize(), packed.sha256(), pipeline.compression(), pipeline.encryption(), null, variant,
                source.uuid(), rulesVersion));
    }

    private static void cancelled(TaskContext context) {
        if (context.cancelled()) {
            throw new PluginException("the sanitise task was cancelled");
        }
    }

    /** Removes the scratch engine (if the task's thread did not) and the objects that got no archive row. */
    @Override
    public String cleanUp(Task task) {
        String removed = scratch.remove(null, task.uuid());
        String objects = partialObjects.cleanUp(task);
        return removed == null ? objects : removed + "; " + objects;
    }
}
