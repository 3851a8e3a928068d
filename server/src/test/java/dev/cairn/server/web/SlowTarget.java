package dev.cairn.server.web;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.TargetPlugin;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

/**
 * A data system whose dump never ends: a real shell process writing zeros in paced chunks until
 * it is killed, with a log line per MiB so the task page has something to stream. Cancel tests stop it.
 */
final class SlowTarget implements TargetPlugin {
    static final String NAME = "slow";

    @Override
    public PluginInfo info() {
        return new PluginInfo(NAME, "Never-ending dump", "tests", "1", true, false, List.of(),
                "writes zeros until the task is canceled");
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        String script = "while true; do head -c 262144 /dev/zero; sleep 0.05; done";
        try (ChildProcess dumper = context.spawn(ProcessSpec.of(List.of("bash", "-c", script), Map.of()))) {
            InputStream in = dumper.stdout();
            byte[] buffer = new byte[65536];
            long total = 0;
            for (int n = in.read(buffer); n >= 0 && !context.cancelled(); n = in.read(buffer)) {
                out.write(buffer, 0, n);
                long before = total >> 20;
                total += n;
                if (total >> 20 > before) {
                    context.log("dumped " + (total >> 20) + " MiB");
                }
            }
            dumper.await();
        }
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) {
        throw new UnsupportedOperationException("the slow target is only ever backed up");
    }
}
