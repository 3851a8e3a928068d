package dev.cairn.core.agents;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.UUID;

/**
 * Stands in for a target plugin that an agent runs: a backup copies what the agent uploads into
 * the pipeline, a restore streams the pipeline's data down to the agent, and either fails with one
 * line when the agent reports an error, its stream breaks, it disappears, or the task is cancelled.
 */
final class RemoteTarget implements TargetPlugin {
    private final AgentHub hub;
    private final String agent;
    private final PluginInfo plugin;
    private final UUID task;

    RemoteTarget(AgentHub hub, String agent, PluginInfo plugin, UUID task) {
        this.hub = hub;
        this.agent = agent;
        this.plugin = plugin;
        this.task = task;
    }

    @Override
    public PluginInfo info() {
        return plugin;
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        context.log("waiting for agent " + agent + " to back up the target with its " + plugin.name() + " plugin");
        RemoteWork work = hub.submit(agent, task, "backup", plugin.name(), endpoint.values(), context);
        Throwable failure = null;
        try {
            for (byte[] chunk = hub.nextChunk(work); !ChunkChannel.isEnd(chunk); chunk = hub.nextChunk(work)) {
                out.write(chunk);
            }
            hub.awaitResult(work);
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            hub.release(work, failure);
        }
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) throws IOException {
        context.log("waiting for agent " + agent + " to restore the target with its " + plugin.name() + " plugin");
        RemoteWork work = hub.submit(agent, task, "restore", plugin.name(), endpoint.values(), context);
        Throwable failure = null;
        try {
            byte[] buffer = new byte[ChunkChannel.CHUNK];
            boolean wanted = true;
            for (int n; wanted && (n = in.read(buffer)) >= 0; ) {
                if (n > 0) {
                    wanted = hub.pass(work, Arrays.copyOf(buffer, n));
                }
            }
            if (wanted) {
                hub.pass(work, null);
            }
            hub.awaitResult(work);
        } catch (IOException | RuntimeException e) {
            failure = e;
            throw e;
        } finally {
            hub.release(work, failure);
        }
    }
}
