package dev.cairn.agent;

import dev.cairn.plugin.ConfigField;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.IOException;
import java.util.List;

/** A test target whose backup never ends: it writes until it is stopped. Its restore refuses. */
public final class EndlessTarget implements TargetPlugin {
    private static final PluginInfo INFO = new PluginInfo("endless", "Endless test target", "tests", "1",
            true, false, List.of(ConfigField.optional("label", ConfigField.Type.STRING, "", "anything")),
            "Writes a backup that never ends, for tests that stop an agent mid-task.");

    @Override
    public PluginInfo info() {
        return INFO;
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        context.log("endless backup started");
        byte[] block = new byte[64 * 1024];
        for (long n = 0; !context.cancelled(); n++) {
            block[(int) (n % block.length)] = (byte) n;
            out.write(block);
        }
        throw new PluginException("endless backup was cancelled");
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) {
        throw new PluginException("the endless target cannot be restored");
    }
}
