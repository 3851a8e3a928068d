package dev.cairn.core.task;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.ConfigField;
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
 * A data system that never finishes its dump: a real shell process (with a child of its own)
 * writing random bytes until it is killed. Cancel, timeout and crash tests stop it mid-backup.
 */
public final class EndlessTarget implements TargetPlugin {
    /** The file the shell writes its pid into, so tests can check the process tree died. */
    public static final String PID_FILE = "pid_file";

    @Override
    public PluginInfo info() {
        return new PluginInfo("endless", "Endless dump", "tests", "1", true, false,
                List.of(ConfigField.required(PID_FILE, ConfigField.Type.STRING, "where the dumper writes its pid")),
                "writes random bytes until stopped");
    }

    @Override
    public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
        String script = "echo $$ > \"$0\"; while true; do head -c 262144 /dev/urandom; sleep 0.02; done";
        try (ChildProcess dumper = context.spawn(ProcessSpec.of(List.of("bash", "-c", script, endpoint.require(PID_FILE)), Map.of()))) {
            InputStream in = dumper.stdout();
            in.transferTo(out);
            dumper.await();
        }
    }

    @Override
    public void restore(Endpoint endpoint, InputStream in, TaskContext context) {
        throw new UnsupportedOperationException("the endless target is only ever backed up");
    }
}
