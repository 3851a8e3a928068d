package dev.cairn.server.web;

import dev.cairn.core.catalog.Task;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Failed tasks that failed alike, shown as one row of the dashboard: the same work (the same job's backup, or
 * the same restore or verify) with the same reason. {@code latest} is the one that stopped last.
 */
public record FailureGroup(TaskRow latest, String reason, int count) {

    /** {@code failures} grouped, the group that failed most recently first. */
    static List<FailureGroup> of(List<TaskRow> failures) {
        Map<List<String>, FailureGroup> groups = new LinkedHashMap<>();
        for (TaskRow row : failures) {
            Task task = row.task();
            String reason = task.failureReason();
            List<String> key = List.of(task.op().wire(), task.job() == null ? row.subject() : task.job().toString(), reason);
            groups.merge(key, new FailureGroup(row, reason, 1), FailureGroup::with);
        }
        return groups.values().stream().sorted(Comparator.comparing(FailureGroup::stoppedAt).reversed()).toList();
    }

    private FailureGroup with(FailureGroup other) {
        TaskRow later = other.stoppedAt().isAfter(stoppedAt()) ? other.latest : latest;
        return new FailureGroup(later, reason, count + other.count);
    }

    private Instant stoppedAt() {
        Instant stopped = latest.task().stoppedAt();
        return stopped == null ? Instant.EPOCH : stopped;
    }
}
