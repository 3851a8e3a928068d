package dev.cairn.core.task;

import dev.cairn.core.agents.AgentHub;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.pipeline.ArchivePipeline;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import java.io.IOException;

/** A restore of an archive into its own target or another one of the same plugin. */
final class RestoreWork implements Work {
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
        if (archive.status() != Archive.Status.VALID) {
            throw new PluginException("archive " + archive.uuid() + " was purged from its store and cannot be restored");
        }
        Target target = catalog.targets().get(task.target());
        Store store = catalog.stores().get(archive.store());
        Endpoint targetEndpoint = plugins.endpoint(target.plugin(), target.endpoint());
        Endpoint storeEndpoint = plugins.endpoint(store.plugin(), store.endpoint());
        targetEndpoint.secrets().forEach(context::redact);
        storeEndpoint.secrets().forEach(context::redact);
        context.log("restoring archive " + archive.uuid() + " (taken " + archive.takenAt() + ") from store "
                + store.name() + " into target " + target.name() + " (" + target.plugin() + ")");
        pipeline.restore(plugins.store(store.plugin()), storeEndpoint, archive.storeKey(), archive.sha256(),
                TargetRunner.of(target, task, plugins, agents), targetEndpoint, context);
        context.log("restore complete: checksum of the stored object verified");
    }

    @Override
    public void cleanUp(Task task) {
        // a restore writes nothing to a store; the target is as its plugin left it
    }
}
