package dev.cairn.server.api;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import dev.cairn.plugins.GeneratedStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;

/**
 * A data system whose dump is {@code size} pseudo-random bytes made on the fly, which runs an action
 * once {@code triggerAt} of them have been dumped: stopping a store's server in the middle of a backup.
 */
final class TriggeringTarget implements TargetPlugin {
    static final String NAME = "triggering";
    private final long size;
    private final long triggerAt;
    private final GeneratedStream.Trigger trigger;

    TriggeringTarget(long size, long triggerAt, GeneratedStream.Trigger trigger) {
        this.size = size;
        this.triggerAt = triggerAt;
        this.trigger = trigger;
    }

    @Override
    public PluginInfo info() {
        return new PluginInfo(NAME, "Dump with a trigger", "tests", "1", true, false, List.of(),
                "dumps " + size + " random bytes and runs an action after " + triggerAt);
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        try (InputStream dump = GeneratedStream.triggering(size, 17, triggerAt, trigger)) {
            dump.transferTo(out);
        }
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) {
        throw new UnsupportedOperationException("the triggering target is only ever backed up");
    }
}
