package dev.cairn.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.ProcessSpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class TestTaskContextTest {

    @Test
    void masksRedactedTextInLinesAndInChildStderr() {
        TestTaskContext context = new TestTaskContext();
        context.redact("hunter2");

        context.log("connecting with hunter2");
        try (ChildProcess child = context.spawn(ProcessSpec.of(List.of("sh", "-c", "echo \"auth $SECRET failed\" >&2"),
                Map.of("SECRET", "hunter2")))) {
            child.await();
        }

        assertThat(context.logText()).doesNotContain("hunter2").contains("connecting with [redacted]", "auth [redacted] failed");
        assertThat(context.spawned()).singleElement().extracting(ProcessSpec::environment)
                .isEqualTo(Map.of("SECRET", "hunter2"));
    }

    @Test
    @Timeout(30)
    void cancelStopsTheProcessesItStarted() {
        TestTaskContext context = new TestTaskContext();
        ChildProcess child = context.spawn(ProcessSpec.of(List.of("sleep", "600"), Map.of()));

        context.cancel();

        assertThat(context.cancelled()).isTrue();
        assertThatThrownBy(child::await).isInstanceOf(PluginException.class).hasMessageContaining("sleep exited with status");
        assertThatThrownBy(() -> context.spawn(ProcessSpec.of(List.of("true"), Map.of())))
                .isInstanceOf(PluginException.class);
    }
}
