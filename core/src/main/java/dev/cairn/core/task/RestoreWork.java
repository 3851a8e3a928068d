package dev.cairn.core.task;

import dev.cairn.core.agents.AgentHub;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.pipeline.ArchivePipeline;
import dev.cairn.core.pipeline.DamagedArchiveException;
import dev.cairn.core.pipeline.StoredObject;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.RestoreMode;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.util.Optional;

/**
 * A restore of an archive into its own target or another one of the same plugin. Nothing is written
 * to the target until the whole object has been read from its store and checked (manifest, SHA-256,
 * decryption and decompression to the end); then it is read a second time into the target, through a
 * stream that fails rather than ends if the object changed in between. The task log says before
 * the restore what the target's plugin does to the live data, and after a failure what state the
 * target is in.
 */
final class RestoreWork implements Work {
    /** The log line that marks the start of writing into the target, which a restart looks for. */
    private static final String WRITING = "archive checked; now restoring it into target ";

    private final Repositories catalog;
    private final PluginRegistry plugins;
    private final AgentHub agents;
    private final ArchivePipeline pipeline;

    RestoreWork(Repositories catalog, PluginRegistry plugins, AgentHub agents, ArchivePipeline pipeline) {
        this.catalog = catalog;
        this.plugins = plugins;
        this.agents = agents;
        this.pipeline = pipeline;
    }

    @Override
    public void perform(Task task, RunningTask context) throws IOException {
        Archive archive = catalog.archives().get(task.archive());
        Target target = catalog.targets().get(task.target());
        String unchanged = "target " + target.name() + " was not changed";
        context.aftermath(unchanged);
        if (!archive.status().stored()) {
            throw new PluginException("archive " + archive.uuid() + " was purged from its store and cannot be restored");
        }
        if (archive.status() == Archive.Status.DAMAGED) {
            throw new PluginException("archive " + archive.uuid() + " is damaged and is not restored: "
                    + catalog.archives().damage(archive.uuid()).orElse("a check of its object failed"));
        }
        Store store = catalog.stores().get(archive.store());
        Endpoint targetEndpoint = plugins.endpoint(target.plugin(), target.endpoint());
        Endpoint storeEndpoint = plugins.endpoint(store.plugin(), store.endpoint());
        targetEndpoint.secrets().forEach(context::redact);
        storeEndpoint.secrets().forEach(context::redact);
        // an agent runs the same plugin, so the core's copy answers for it
        RestoreMode mode = plugins.target(target.plugin()).restoreMode(targetEndpoint);
        context.log("restoring archive " + archive.uuid() + " (taken " + archive.takenAt() + ") from store "
                + store.name() + " into target " + target.name() + " (" + target.plugin() + ")");
        context.log("target " + target.name() + ": " + mode.promise());
        context.log("checking the archive before anything is written to target " + target.name()
                + ": reading object " + archive.storeKey() + " (" + archive.storedSize() + " bytes) to its end");
        StoredObject object = VerifyWork.storedObject(archive);
        long started = System.nanoTime();
        long plain;
        try {
            plain = pipeline.verify(plugins.store(store.plugin()), storeEndpoint, object, context);
        } catch (DamagedArchiveException e) {
            markDamaged(archive, e);
            throw new PluginException("archive " + archive.uuid() + " is damaged: " + e.getMessage()
                    + "; it is marked damaged", e);
        }
        context.log(WRITING + target.name() + " (sha256 matches, " + plain + " bytes decrypted and decompressed in "
                + String.format("%.2f", (System.nanoTime() - started) / 1e9) + " s)");
        context.aftermath(switch (mode) {
            case STAGED_SWAP -> "the staged copy was discarded; target " + target.name() + " is as it was";
            case IN_PLACE -> "target " + target.name() + " is partly restored: its plugin had started overwriting it "
                    + "in place; restore a good archive into it";
        });
        try {
            pipeline.restore(plugins.store(store.plugin()), storeEndpoint, object,
                    TargetRunner.of(target, task, plugins, agents), targetEndpoint, context);
        } catch (DamagedArchiveException e) {
            markDamaged(archive, e);
            throw new PluginException("archive " + archive.uuid() + " proved damaged during the restore: "
                    + e.getMessage() + "; it is marked damaged", e);
        }
        // a cancel that comes now finds the restore over
        context.aftermath("the restore had finished when the task was stopped: target " + target.name()
                + " holds the restored archive");
        context.log("restore complete: checksum of the stored object verified");
    }

    private void markDamaged(Archive archive, DamagedArchiveException e) {
        catalog.archives().markDamaged(archive.uuid(), e.getMessage());
    }

    @Override
    public String cleanUp(Task task) {
        return null; // a restore writes nothing to a store; its plugin removes what it staged
    }

    /**
     * After a crash: asks the target's plugin to discard what the restore staged, and says what
     * state the target is in.
     */
    @Override
    public String recover(Task task, TaskContext context) {
        Optional<Target> found = catalog.targets().find(task.target());
        if (found.isEmpty()) {
            return "its target no longer exists";
        }
        Target target = found.get();
        boolean writing = task.log() != null && task.log().contains(WRITING);
        if (!writing) {
            return "it had not started writing, so target " + target.name() + " was not changed";
        }
        Endpoint endpoint;
        TargetPlugin plugin;
        RestoreMode mode;
        try {
            endpoint = plugins.endpoint(target.plugin(), target.endpoint());
            endpoint.secrets().forEach(context::redact);
            plugin = plugins.target(target.plugin());
            mode = plugin.restoreMode(endpoint);
        } catch (RuntimeException e) {
            return "cannot tell what state target " + target.name() + " is in: " + e.getMessage();
        }
        if (mode == RestoreMode.IN_PLACE) {
            return "target " + target.name() + " restores in place and is partly restored; restore a good archive into it";
        }
        if (!target.agent().isBlank()) {
            return "target " + target.name() + " restores through agent " + target.agent() + ", whose plugin discards "
                    + "its staged copy when the stream from this server breaks: target " + target.name()
                    + " is as it was, unless the agent stopped at the same time (then its next restore replaces the leftover)";
        }
        try {
            plugin.discardStagedRestore(endpoint, context);
            return "the staged copy was discarded; target " + target.name() + " is as it was";
        } catch (IOException | RuntimeException e) {
            return "the staged copy in target " + target.name() + " could not be discarded (" + e.getMessage()
                    + "); check target " + target.name() + " by hand";
        }
    }
}
