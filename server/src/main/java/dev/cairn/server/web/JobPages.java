package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.JobFilter;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.Usage;
import dev.cairn.server.service.CatalogInput;
import dev.cairn.server.service.Statuses;
import dev.cairn.server.service.UserActions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;

/** Jobs: the list with run now, pause and unpause, and the form that ties a target, store, schedule and policy together. */
final class JobPages {
    private static final int DEFAULT_PRIORITY = 50;
    private final Cairn cairn;
    private final Pages pages;
    private final CatalogInput input;
    private final UserActions actions;
    private final JobRows rows;

    JobPages(Cairn cairn, Pages pages) {
        this.cairn = cairn;
        this.pages = pages;
        this.input = new CatalogInput(cairn);
        this.actions = new UserActions(cairn);
        this.rows = new JobRows(cairn);
    }

    void register(RoutesConfig routes) {
        routes.get("/jobs", ctx -> pages.page(ctx, "jobs.jte", "Jobs", "jobs", Pages.params("rows",
                cairn.catalog().jobs().list(JobFilter.ALL).stream().map(rows::of).toList())));
        routes.get("/jobs/new", ctx -> form(ctx, 200, null, "", "", "", "", "", "", String.valueOf(DEFAULT_PRIORITY),
                null, List.of()));
        routes.post("/jobs", ctx -> save(ctx, null));
        routes.get("/jobs/{uuid}", ctx -> {
            Job j = job(ctx);
            form(ctx, 200, j.uuid(), j.name(), j.summary(), j.target().toString(), j.store().toString(),
                    j.schedule().toString(), j.retention().toString(), String.valueOf(j.priority()), null, List.of());
        });
        routes.post("/jobs/{uuid}", ctx -> save(ctx, job(ctx)));
        routes.post("/jobs/{uuid}/pause", ctx -> pause(ctx, true));
        routes.post("/jobs/{uuid}/unpause", ctx -> pause(ctx, false));
        routes.post("/jobs/{uuid}/run", ctx -> {
            Job j = job(ctx);
            Task task = actions.runJob(j.uuid(), UserActions.ANONYMOUS);
            Pages.done(ctx, "/tasks/" + task.uuid(), "Job '" + j.name() + "' queued to run now.");
        });
        routes.get("/jobs/{uuid}/delete", ctx -> {
            Job j = job(ctx);
            pages.page(ctx, "confirm.jte", "Delete job " + j.name(), "jobs",
                    Pages.params("question", "Delete job '" + j.name() + "'?",
                            "consequence", "It will not run again. Its archives stay until they expire.",
                            "action", "/jobs/" + j.uuid() + "/delete", "button", "Delete job", "back", "/jobs", "error", null));
        });
        routes.post("/jobs/{uuid}/delete", ctx -> {
            Job j = job(ctx);
            cairn.catalog().jobs().delete(j.uuid());
            Pages.done(ctx, "/jobs", "Job '" + j.name() + "' deleted.");
        });
    }

    private Job job(Context ctx) {
        return cairn.catalog().jobs().get(Pages.uuid(ctx, "job"));
    }

    private void pause(Context ctx, boolean paused) {
        Job j = job(ctx);
        cairn.catalog().jobs().setPaused(j.uuid(), paused);
        Pages.done(ctx, "/jobs", "Job '" + j.name() + "' " + (paused ? "paused." : "unpaused."));
    }

    private void save(Context ctx, Job current) {
        Form form = Form.of(ctx);
        Job job;
        try {
            form.require("name", "target", "store", "schedule", "retention");
            int priority = form.optional("priority") == null ? DEFAULT_PRIORITY : Math.toIntExact(form.integer("priority"));
            job = input.job(current == null ? UUID.randomUUID() : current.uuid(), form.text("name"), form.text("summary"),
                    form.uuid("target"), form.uuid("store"), form.uuid("schedule"), form.uuid("retention"), priority,
                    current != null && current.paused(), current == null ? java.util.List.of() : current.copies(),
                    current != null && current.verify());
            if (current == null) {
                cairn.catalog().jobs().insert(job);
            } else {
                cairn.catalog().jobs().update(job);
            }
        } catch (CairnException | ArithmeticException e) {
            CairnException failure = e instanceof CairnException c ? c
                    : new CairnException.InvalidInput("priority must be between 0 (highest) and 100, got " + form.text("priority"));
            form(ctx, Statuses.of(failure), current == null ? null : current.uuid(), form.text("name"), form.text("summary"),
                    form.text("target"), form.text("store"), form.text("schedule"), form.text("retention"),
                    form.text("priority"), failure.getMessage(),
                    failure instanceof CairnException.InvalidInput i ? i.missing() : List.of());
            return;
        }
        Pages.done(ctx, "/jobs", "Job '" + job.name() + "' " + (current == null ? "created." : "saved."));
    }

    private void form(Context ctx, int status, UUID uuid, String name, String summary, String target, String store,
                      String schedule, String retention, String priority, String error, List<String> invalid) {
        var catalog = cairn.catalog();
        JobForm form = new JobForm(uuid, name, summary, target, store, schedule, retention, priority,
                catalog.targets().list(null, Usage.ANY), catalog.stores().list(null, Usage.ANY),
                catalog.schedules().list(Usage.ANY), catalog.retention().list(Usage.ANY), error, invalid);
        pages.page(ctx, status, "job-form.jte", uuid == null ? "New job" : "Job " + name, "jobs", Pages.params("form", form));
    }
}
