package dev.cairn.plugin;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The default {@link TargetPlugin#checkConnection}: starts a backup into a sink that stops it at
 * the first bytes. A backup that got that far could connect and read; one that fails says why in
 * the plugin's own words.
 */
final class BackupProbe {
    private BackupProbe() {
    }

    static String probe(TargetPlugin plugin, Endpoint endpoint, TaskContext context) throws IOException {
        FirstBytes sink = new FirstBytes();
        TaskContext stopping = new Stopping(context, sink);
        try {
            plugin.backup(endpoint, sink, stopping);
        } catch (IOException | RuntimeException e) {
            if (!sink.arrived) {
                throw e;
            }
            // the plugin stopped because the sink did: what a probe wants
        }
        return sink.arrived ? plugin.info().name() + " started a backup: its first bytes arrived"
                : plugin.info().name() + " made a backup, which was empty";
    }

    /** Takes nothing: the first write ends the backup. */
    private static final class FirstBytes extends OutputStream {
        private volatile boolean arrived;

        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return;
            }
            arrived = true;
            throw new IOException("connection test: stopping the backup at its first bytes");
        }
    }

    /** The caller's context, which reports itself cancelled once the first bytes arrived, so long loops stop. */
    private record Stopping(TaskContext context, FirstBytes sink) implements TaskContext {
        @Override
        public void log(String line) {
            context.log(line);
        }

        @Override
        public void redact(String secret) {
            context.redact(secret);
        }

        @Override
        public ChildProcess spawn(ProcessSpec spec) throws IOException {
            return context.spawn(spec);
        }

        @Override
        public boolean cancelled() {
            return sink.arrived || context.cancelled();
        }
    }
}
