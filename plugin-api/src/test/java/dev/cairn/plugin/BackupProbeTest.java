package dev.cairn.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The default connection test: a backup stopped at its first bytes, whatever the plugin does. */
final class BackupProbeTest {
    private static final PluginInfo INFO = new PluginInfo("probed", "Probed", "test", "1", true, false, List.of(), "");

    @Test
    void aBackupThatWritesIsStoppedAtItsFirstBytesAndItsProgramKilled() throws Exception {
        Context context = new Context();
        // yes writes forever: only the probe ends it
        TargetPlugin endless = target((out, ctx) -> {
            try (ChildProcess yes = ctx.spawn(ProcessSpec.of(List.of("yes"), Map.of()))) {
                ProcessStreams.copyOutput(yes, "yes", out, ctx);
            }
        });
        assertThat(endless.checkConnection(new Endpoint(INFO, Map.of()), context))
                .isEqualTo("probed started a backup: its first bytes arrived");
        assertThat(context.children).hasSize(1);
        assertThat(context.children.getFirst().process().waitFor(10, TimeUnit.SECONDS)).as("yes was killed").isTrue();
    }

    @Test
    void aLoopThatSwallowsTheFailedWriteStopsWhenItSeesTheCancel() throws IOException {
        TargetPlugin stubborn = target((out, ctx) -> {
            while (!ctx.cancelled()) {
                try {
                    out.write(new byte[1024]);
                } catch (IOException e) {
                    // a careless plugin: keeps going until the task says stop
                }
            }
            throw new PluginException("backup was cancelled");
        });
        assertThat(stubborn.checkConnection(new Endpoint(INFO, Map.of()), new Context())).endsWith("its first bytes arrived");
    }

    @Test
    void aBackupThatFailsBeforeWritingSaysWhyInItsOwnWords() throws IOException {
        TargetPlugin refused = target((out, ctx) -> {
            throw new PluginException("dumper: password authentication failed for user \"app\"");
        });
        assertThatThrownBy(() -> refused.checkConnection(new Endpoint(INFO, Map.of()), new Context()))
                .isInstanceOf(PluginException.class).hasMessage("dumper: password authentication failed for user \"app\"");
        TargetPlugin empty = target((out, ctx) -> {
        });
        assertThat(empty.checkConnection(new Endpoint(INFO, Map.of()), new Context())).isEqualTo("probed made a backup, which was empty");
    }

    private interface Backup {
        void write(OutputStream out, TaskContext context) throws IOException;
    }

    private static TargetPlugin target(Backup backup) {
        return new TargetPlugin() {
            @Override
            public PluginInfo info() {
                return INFO;
            }

            @Override
            public void backup(Endpoint endpoint, OutputStream out, TaskContext context) throws IOException {
                backup.write(out, context);
            }

            @Override
            public void restore(Endpoint endpoint, InputStream in, TaskContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    private static final class Context implements TaskContext {
        final List<SupervisedProcess> children = new ArrayList<>();

        @Override
        public void log(String line) {
        }

        @Override
        public void redact(String secret) {
        }

        @Override
        public ChildProcess spawn(ProcessSpec spec) {
            SupervisedProcess child = SupervisedProcess.start(spec, line -> { });
            children.add(child);
            return child;
        }

        @Override
        public boolean cancelled() {
            return false;
        }
    }
}
