package dev.cairn.core.task;

import dev.cairn.core.agents.AgentHub;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.TargetPlugin;

/** Picks who runs a target's plugin for a task: the core itself, or the agent the target names. */
final class TargetRunner {
    private TargetRunner() {
    }

    static TargetPlugin of(Target target, Task task, PluginRegistry plugins, AgentHub agents) {
        TargetPlugin local = plugins.target(target.plugin());
        return target.agent().isBlank() ? local : agents.remote(target.agent(), local.info(), task.uuid());
    }
}
