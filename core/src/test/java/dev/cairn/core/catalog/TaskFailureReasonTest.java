package dev.cairn.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A failed task's one-line reason, read from the lines the runner writes into its log. */
final class TaskFailureReasonTest {
    private static final Instant NOW = Instant.parse("2026-11-21T04:00:00Z");

    @Test
    void theReasonIsTheLastFailedLineOfAFailedTasksLog() {
        String log = """
                04:00:00 task 1 (backup) started by runner for system
                04:00:01 failed: a plugin said this first
                04:00:02 pg_dump: error: connection refused\\n\\u001b[2J
                04:00:02 failed: pg_dump exited with status 1: connection refused
                """;

        assertThat(task(TaskStatus.FAILED, log).failureReason()).isEqualTo("pg_dump exited with status 1: connection refused");
    }

    @Test
    void aTaskThatDidNotFailOrLoggedNoReasonHasNone() {
        String log = "04:00:01 failed: an old line\n";

        assertThat(task(TaskStatus.DONE, log).failureReason()).isEmpty();
        assertThat(task(TaskStatus.CANCELED, log).failureReason()).isEmpty();
        assertThat(task(TaskStatus.FAILED, "04:00:00 started\n").failureReason()).isEmpty();
        assertThat(task(TaskStatus.FAILED, null).failureReason()).isEmpty();
        assertThat(task(TaskStatus.FAILED, "a line that says failed: in its middle\n").failureReason()).isEmpty();
    }

    private static Task task(TaskStatus status, String log) {
        return new Task(UUID.randomUUID(), "system", Task.Op.BACKUP, UUID.randomUUID(), null, UUID.randomUUID(),
                UUID.randomUUID(), status, 50, NOW, NOW, NOW, null, log);
    }
}
