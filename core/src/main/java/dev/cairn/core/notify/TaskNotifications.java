package dev.cairn.core.notify;

import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.plugins.PluginRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a task that ended into a task-failed or task-succeeded notification (a canceled task
 * tells nothing): what ran, for which job, target and store, how long it took, and for a failure
 * the last lines of its log with every secret masked.
 */
public final class TaskNotifications implements Consumer<Task> {
    private static final Logger LOG = LoggerFactory.getLogger(TaskNotifications.class);
    private static final int LOG_LINES = 20;
    private final Repositories catalog;
    private final Notifier notifier;
    private final SecretMask mask;

    private final Clock clock;

    public TaskNotifications(Repositories catalog, PluginRegistry plugins, Notifier notifier, Clock clock) {
        this.catalog = catalog;
        this.clock = clock;
        this.notifier = notifier;
        this.mask = new SecretMask(catalog, plugins);
    }

    /** Publishes the notification of {@code task}, which has just ended; never throws. */
    @Override
    public void accept(Task task) {
        try {
            notification(task).ifPresent(notifier::publish);
        } catch (RuntimeException e) {
            LOG.warn("cannot notify of task {}: {}", task.uuid(), e.getMessage());
        }
    }

    Optional<Notification> notification(Task task) {
        if (task.status() != TaskStatus.FAILED && task.status() != TaskStatus.DONE) {
            return Optional.empty();
        }
        boolean failed = task.status() == TaskStatus.FAILED;
        Optional<Job> job = task.job() == null ? Optional.empty() : catalog.jobs().find(task.job());
        Optional<Target> target = catalog.targets().find(task.target());
        Optional<Store> store = catalog.stores().find(task.store());
        String what = task.op().wire() + job.map(j -> " of job " + j.name()).orElse("")
                + (job.isEmpty() ? target.map(t -> " of target " + t.name()).orElse("") : "");
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("task_uuid", task.uuid().toString());
        details.put("op", task.op().wire());
        details.put("status", task.status().wire());
        details.put("job_uuid", task.job() == null ? null : task.job().toString());
        details.put("job_name", job.map(Job::name).orElse(null));
        details.put("target_uuid", task.target().toString());
        details.put("target_name", target.map(Target::name).orElse(null));
        details.put("store_uuid", task.store().toString());
        details.put("store_name", store.map(Store::name).orElse(null));
        details.put("archive_uuid", task.archive() == null ? null : task.archive().toString());
        details.put("started_at", task.startedAt() == null ? null : task.startedAt().toString());
        details.put("stopped_at", task.stoppedAt() == null ? null : task.stoppedAt().toString());
        Long seconds = task.startedAt() == null || task.stoppedAt() == null ? null
                : Duration.between(task.startedAt(), task.stoppedAt()).toSeconds();
        details.put("duration_seconds", seconds);
        String reason = null;
        if (failed) {
            String tail = mask.mask(tail(task.log()), task.target(), task.store());
            reason = tail.lines().filter(l -> l.contains(" failed: ")).reduce((a, b) -> b)
                    .map(l -> l.substring(l.indexOf(" failed: ") + 9)).orElse(null);
            details.put("reason", reason);
            details.put("log_tail", tail);
        }
        String subject = (failed ? "FAILED: " : "done: ") + what;
        String text = failed
                ? "The " + what + " failed" + (reason == null ? "." : ": " + reason)
                : "The " + what + " succeeded" + (seconds == null ? "." : " in " + seconds + " s.");
        return Optional.of(new Notification(failed ? Event.TASK_FAILED : Event.TASK_SUCCEEDED, task.stoppedAt() == null
                ? clock.instant() : task.stoppedAt(), subject, text, details, task.job()));
    }

    private static String tail(String log) {
        List<String> lines = log == null ? List.of() : log.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_LINES), lines.size()));
    }
}
