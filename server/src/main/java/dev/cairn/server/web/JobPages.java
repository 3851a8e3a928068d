package dev.cairn.server.web;

import dev.cairn.server.auth.Principals;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.JobFilter;
import dev.cairn.core.catalog.Paged;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.stats.JobStats;
import dev.cairn.core.catalog.Usage;
import dev.cairn.server.service.CatalogInput;
import dev.cairn.server.service.Statuses;
import dev.cairn.server.service.UserActions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;

/**
 * Jobs: the list with run now, pause and unpause, a job's page with its recent tasks and archives,
 * and the form that ties a target, a store (and the stores each backup is copied to), a schedule
 * and a policy together, through the API's checks. A user sees their teams' jobs and changes those of
 * the teams where they may edit-config; a job's target must be one of those.
 */
final class JobPages {
    /** The form's fields a refusal can be about. */
    private static final List<String> FIELDS = List.of("name", "summary", "target", "store", "schedule", "retention",
            "priority", "copies");
    private final Cairn cairn;
    private final Pages pages;
    private final CatalogInput input;
    private final UserActions actions;
    private final JobRows rows;
    private final TaskPages tasks;
    private final ArchiveRows archives;
    private final WebAudit audit;

    JobPages(Cairn cairn, Pages pages, TaskPages tasks) {
        this.cairn = cairn;
        this.pages = pages;
        this.input = new CatalogInput(cairn);
        this.actions = new UserActions(cairn);
        this.rows = new JobRows(cairn);
        this.tasks = tasks;
        this.archives = new ArchiveRows(cairn);
        this.audit = new WebAudit(cairn.access());
    }

    void register(RoutesConfig routes) {
        routes.get("/jobs", ctx -> pages.page(ctx, "jobs.jte", "Jobs", "jobs", Pages.params("rows",
                cairn.catalog().jobs().list(JobFilter.ALL, Principals.of(ctx).scope()).stream().map(rows::of).toList())));
        routes.get("/jobs/new", ctx -> {
            requireSomewhere(Principals.of(ctx));
            form(ctx, 200, null, JobEntry.blank(), null, List.of(), null);
        });
        routes.get("/jobs/copies", this::copies);
        routes.post("/jobs", ctx -> save(ctx, null));
        routes.get("/jobs/{uuid}", ctx -> {
            Job j = job(ctx);
            form(ctx, 200, j.uuid(), JobEntry.of(j), null, List.of(), history(Principals.of(ctx), j));
        });
        routes.post("/jobs/{uuid}", ctx -> save(ctx, job(ctx)));
        routes.post("/jobs/{uuid}/pause", ctx -> pause(ctx, true));
        routes.post("/jobs/{uuid}/unpause", ctx -> pause(ctx, false));
        routes.post("/jobs/{uuid}/run", ctx -> {
            Job j = job(ctx);
            Task task = actions.runJob(Principals.of(ctx), j.uuid(), "");
            Pages.done(ctx, "/tasks/" + task.uuid(), "Job '" + j.name() + "' queued to run now.");
        });
        routes.get("/jobs/{uuid}/delete", ctx -> {
            Job j = job(ctx);
            cairn.access().job(Principals.of(ctx), j.uuid(), Permission.EDIT_CONFIG);
            pages.page(ctx, "confirm.jte", "Delete job " + j.name(), "jobs",
                    Pages.params("question", "Delete job '" + j.name() + "'?",
                            "consequence", "It will not run again. Its archives stay until they expire.",
                            "action", "/jobs/" + j.uuid() + "/delete", "button", "Delete job", "back", "/jobs", "error", null));
        });
        routes.post("/jobs/{uuid}/delete", ctx -> {
            Job j = job(ctx);
            Principal p = Principals.of(ctx);
            audit.run(p, "job.delete", () -> editable(p, j), () -> cairn.catalog().jobs().delete(j.uuid()));
            Pages.done(ctx, "/jobs", "Job '" + j.name() + "' deleted.");
        });
    }

    private Job job(Context ctx) {
        return cairn.access().job(Principals.of(ctx), Pages.uuid(ctx, "job"), Permission.VIEW);
    }

    /** Job {@code j} as an audit row names it, when {@code p} may change it (a 403 naming edit-config otherwise). */
    private AuditObject editable(Principal p, Job j) {
        cairn.access().job(p, j.uuid(), Permission.EDIT_CONFIG);
        return new AuditObject("job", j.uuid(), j.name(), cairn.access().teamOfJob(j));
    }

    /** Refuses a new job to a user who may edit-config in no team. */
    private static void requireSomewhere(Principal p) {
        if (!p.mayAnywhere(Permission.EDIT_CONFIG)) {
            throw new CairnException.Forbidden(Permission.EDIT_CONFIG.wire(), "permission '" + Permission.EDIT_CONFIG.wire()
                    + "' is needed to create a job; " + p.name() + " is operator of no team");
        }
    }

    private void pause(Context ctx, boolean paused) {
        Job j = job(ctx);
        Principal p = Principals.of(ctx);
        audit.run(p, paused ? "job.pause" : "job.unpause", () -> editable(p, j),
                () -> cairn.catalog().jobs().setPaused(j.uuid(), paused));
        Pages.done(ctx, "/jobs", "Job '" + j.name() + "' " + (paused ? "paused." : "unpaused."));
    }

    /** The copy checkboxes for the store chosen in the form, swapped in by htmx when the store changes. */
    private void copies(Context ctx) {
        String store = ctx.queryParam("store");
        pages.fragment(ctx, 200, "copies.jte", Pages.params("choices", CopyChoices.of(cairn.catalog().stores().list(null, Usage.ANY),
                store == null ? "" : store, ctx.queryParams("copies"), false)));
    }

    private void save(Context ctx, Job current) {
        Form form = Form.of(ctx);
        Principal p = Principals.of(ctx);
        Job job;
        try {
            form.require("name", "target", "store", "schedule", "retention");
            int priority = form.optional("priority") == null ? JobEntry.DEFAULT_PRIORITY
                    : priority(form.integer("priority"));
            UUID uuid = current == null ? UUID.randomUUID() : current.uuid();
            UUID target = form.uuid("target");
            job = audit.run(p, current == null ? "job.create" : "job.update", () -> {
                if (current != null) {
                    editable(p, current);
                } else {
                    requireSomewhere(p);
                }
                // its target must be one the user may change; an unknown one is the 400 of the checks below
                UUID team = cairn.catalog().targets().find(target).isEmpty() ? null
                        : cairn.access().target(p, target, Permission.EDIT_CONFIG).team();
                return new AuditObject("job", uuid, form.text("name"), team);
            }, () -> {
                Job saving = input.job(uuid, form.text("name"), form.text("summary"), target, form.uuid("store"),
                        form.uuid("schedule"), form.uuid("retention"), priority, current != null && current.paused(),
                        form.uuids("copies"), form.ticked("verify"), JobEntry.variantNames(form.text("variants")));
                if (current == null) {
                    cairn.catalog().jobs().insert(saving);
                } else {
                    cairn.catalog().jobs().update(saving);
                }
                return saving;
            });
        } catch (CairnException.Forbidden | CairnException.NotFound e) {
            throw e;
        } catch (CairnException | ArithmeticException e) {
            CairnException failure = e instanceof CairnException c ? c
                    : new CairnException.InvalidInput("priority must be between 0 (highest) and 100, got " + form.text("priority"));
            form(ctx, Statuses.of(failure), current == null ? null : current.uuid(), JobEntry.posted(form),
                    failure.getMessage(), invalidFields(failure), null);
            return;
        }
        Pages.done(ctx, "/jobs", "Job '" + job.name() + "' " + (current == null ? "created." : "saved."));
    }

    /**
     * The fields a refusal is about, to mark in the form: those missing, else the one its message
     * starts with, as every check names its field first ({@code copies: store … does not exist}).
     */
    private static List<String> invalidFields(CairnException failure) {
        if (!(failure instanceof CairnException.InvalidInput invalid)) {
            return List.of();
        }
        if (!invalid.missing().isEmpty()) {
            return invalid.missing();
        }
        String message = invalid.getMessage();
        return FIELDS.stream().filter(f -> message.startsWith(f + " ") || message.startsWith(f + ":")).toList();
    }

    /** The job's latest tasks (of every kind) and archives still stored, newest first. */
    private JobHistory history(Principal p, Job j) {
        var catalog = cairn.catalog();
        Paged<Task> recent = catalog.tasks().page(null, j.uuid(), p.scope(), 0, JobHistory.SHOWN);
        Paged<Archive> kept = catalog.archives().page(new ArchiveFilter(null, null, null, null, false, j.uuid()), p.scope(),
                0, JobHistory.SHOWN);
        JobStats stats = cairn.statistics().of(j.uuid(), JobHistory.CHARTED);
        return new JobHistory(j.uuid(), tasks.rows(recent.items()), recent.total(), archives.of(kept.items()), kept.total(),
                stats, RunChart.of(stats.runs()));
    }

    /** Shows the job form; a saved job's page shows its {@code history} above it (null: the form alone, as after a refusal). */
    private void form(Context ctx, int status, UUID uuid, JobEntry entry, String error, List<String> invalid,
                      JobHistory history) {
        var catalog = cairn.catalog();
        Principal p = Principals.of(ctx);
        Job saved = uuid == null ? null : catalog.jobs().find(uuid).orElse(null);
        UUID savedTarget = saved == null ? null : saved.target();
        boolean editable = saved == null ? p.mayAnywhere(Permission.EDIT_CONFIG)
                : p.may(Permission.EDIT_CONFIG, cairn.access().teamOfJob(saved));
        // the targets it may use: those the user may change, and the one it has
        List<Target> targets = catalog.targets().list(null, Usage.ANY, p.scope()).stream()
                .filter(t -> p.may(Permission.EDIT_CONFIG, t.team()) || t.uuid().equals(savedTarget)).toList();
        JobForm form = new JobForm(uuid, entry, targets, catalog.stores().list(null, Usage.ANY),
                catalog.schedules().list(Usage.ANY), catalog.retention().list(Usage.ANY), error, invalid, editable,
                saved == null ? null : cairn.access().teamOfJob(saved));
        pages.page(ctx, status, "job-form.jte", uuid == null ? "New job" : "Job " + entry.name(), "jobs",
                Pages.params("form", form, "history", history));
    }

    private static int priority(long given) {
        if (given < Job.HIGHEST_PRIORITY || given > Job.LOWEST_PRIORITY) {
            throw new CairnException.InvalidInput("priority must be between 0 (highest) and 100, got " + given);
        }
        return (int) given;
    }
}
