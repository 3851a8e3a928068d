package dev.cairn.server.web;

import dev.cairn.server.auth.Principals;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Paged;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.server.service.UserActions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Tasks: the list by status, a task's page whose log follows live ({@link TaskLogStream}), and cancel;
 * of the teams the signed-in user sees.
 */
final class TaskPages {
    private static final List<String> STATUSES = Arrays.stream(TaskStatus.values()).map(TaskStatus::wire).toList();
    private final Cairn cairn;
    private final Pages pages;
    private final UserActions actions;

    TaskPages(Cairn cairn, Pages pages) {
        this.cairn = cairn;
        this.pages = pages;
        this.actions = new UserActions(cairn);
    }

    void register(RoutesConfig routes) {
        routes.get("/tasks", this::list);
        routes.get("/tasks/{uuid}", ctx -> pages.page(ctx, "task.jte", "Task", "tasks", Pages.params("row", row(task(ctx)))));
        routes.sse("/tasks/{uuid}/log", new TaskLogStream(cairn.catalog().tasks())::follow);
        routes.post("/tasks/{uuid}/cancel", ctx -> {
            Task task = task(ctx);
            try {
                actions.cancel(Principals.of(ctx), task.uuid());
            } catch (CairnException.Conflict e) {
                Pages.done(ctx, "/tasks/" + task.uuid(), "The task had already ended.");
                return;
            }
            Pages.done(ctx, "/tasks/" + task.uuid(), "Cancel requested.");
        });
    }

    private Task task(Context ctx) {
        return cairn.access().task(Principals.of(ctx), Pages.uuid(ctx, "task"), Permission.VIEW);
    }

    private void list(Context ctx) {
        String status = ctx.queryParam("status");
        TaskStatus filter = status == null || status.isEmpty() ? null : TaskStatus.fromWire(status);
        UUID job = job(ctx.queryParam("job"));
        Principal p = Principals.of(ctx);
        // the name of a job of another team is not shown: its tasks are not either
        String jobName = job == null ? "" : cairn.catalog().jobs().find(job)
                .filter(j -> p.sees(cairn.access().teamOfJob(j))).map(Job::name).orElse("(deleted job)");
        int page = PageLinks.requested(ctx);
        Paged<Task> shown = cairn.catalog().tasks().page(filter, job, p.scope(), Paged.offsetOf(page, PageLinks.SIZE),
                PageLinks.SIZE);
        pages.page(ctx, "tasks.jte", "Tasks", "tasks", Pages.params("rows", rows(shown.items()),
                "status", filter == null ? "" : filter.wire(), "statuses", STATUSES,
                "job", job == null ? "" : job.toString(), "jobName", jobName, "links", PageLinks.of(ctx, page, shown)));
    }

    /** The {@code ?job=} filter: none when empty, a 400 when it is not a uuid. */
    private static UUID job(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new CairnException.InvalidInput("job must be a job's uuid, got " + text);
        }
    }

    List<TaskRow> rows(List<Task> tasks) {
        return tasks.stream().map(this::row).toList();
    }

    TaskRow row(Task t) {
        var catalog = cairn.catalog();
        String target = t.target() == null ? "" : catalog.targets().find(t.target()).map(Target::name).orElse("(deleted target)");
        String subject = switch (t.op()) {
            case BACKUP -> t.job() == null ? "backup of " + target
                    : catalog.jobs().find(t.job()).map(Job::name).orElse("(deleted job)") + " → backup of " + target;
            // a verify per copy: the store tells them apart
            case VERIFY -> "archive of " + target + " in store "
                    + (t.store() == null ? "" : catalog.stores().find(t.store()).map(Store::name).orElse("(deleted store)"));
            case RESTORE -> "restore into " + target;
            case IMAGE -> "image of an archive of " + target;
            case SANITISE -> "sanitised variant of an archive of " + target;
        };
        return new TaskRow(t, subject);
    }
}
