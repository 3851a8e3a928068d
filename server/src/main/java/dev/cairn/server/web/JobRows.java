package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.server.service.NextRuns;
import java.util.Optional;
import java.util.UUID;

/** Reads what the job list and the dashboard show of a job. */
final class JobRows {
    private final Cairn cairn;
    private final NextRuns nextRuns;

    JobRows(Cairn cairn) {
        this.cairn = cairn;
        this.nextRuns = new NextRuns(cairn);
    }

    JobRow of(Job j) {
        var catalog = cairn.catalog();
        Optional<Task> last = catalog.tasks().lastOfJob(j.uuid());
        Optional<Target> target = catalog.targets().find(j.target());
        return new JobRow(j, target.map(Target::name).orElse("(deleted)"),
                storeName(j.store()), j.copies().stream().map(this::storeName).toList(),
                catalog.schedules().find(j.schedule()).map(s -> s.name() + " (" + s.when().text() + ")").orElse("(deleted)"),
                catalog.retention().find(j.retention()).map(RetentionPolicy::name).orElse("(deleted)"),
                last.map(t -> t.status().wire()).orElse(null),
                last.map(t -> t.startedAt() != null ? t.startedAt() : t.requestedAt()).orElse(null),
                catalog.tasks().lastOfJob(j.uuid(), TaskStatus.DONE).map(t -> t.stoppedAt()).orElse(null),
                nextRuns.of(j), target.map(Target::team).orElse(null));
    }

    private String storeName(UUID store) {
        return cairn.catalog().stores().find(store).map(Store::name).orElse("(deleted)");
    }
}
