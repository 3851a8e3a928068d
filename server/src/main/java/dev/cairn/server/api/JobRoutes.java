package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.JobFilter;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.CatalogChanges;
import dev.cairn.server.service.CatalogInput;
import dev.cairn.server.service.UserActions;
import java.util.List;
import java.util.UUID;

/** {@code /v1/jobs}, {@code /v1/job/{uuid}}, its statistics and its pause, unpause and run actions; a job is its target's team's. */
final class JobRoutes {
    private final Cairn cairn;
    private final Views views;
    private final CatalogInput input;
    private final UserActions actions;
    private final CatalogChanges changes;

    JobRoutes(Cairn cairn, Views views) {
        this.cairn = cairn;
        this.views = views;
        this.input = new CatalogInput(cairn);
        this.actions = new UserActions(cairn);
        this.changes = new CatalogChanges(cairn);
    }

    void register(Routes routes) {
        var jobs = cairn.catalog().jobs();
        routes.get("/v1/jobs", ctx -> Json.ok(ctx, Views.all(NameQuery.of(ctx).filter(jobs.list(new JobFilter(Ids.query(ctx, "target"),
                Ids.query(ctx, "store"), Ids.query(ctx, "schedule"), Ids.query(ctx, "retention"),
                pausedFilter(ctx.queryParam("paused"))), Principals.of(ctx).scope()), Job::name), views::job)));
        routes.get("/v1/job/{uuid}", ctx -> Json.ok(ctx, views.job(
                cairn.access().job(Principals.of(ctx), Ids.path(ctx, "job"), Permission.VIEW))));
        routes.get("/v1/job/{uuid}/stats", ctx -> {
            Job job = cairn.access().job(Principals.of(ctx), Ids.path(ctx, "job"), Permission.VIEW);
            Json.ok(ctx, JobStatsView.of(job, cairn.statistics().of(job.uuid(), JobStatsView.runs(ctx))));
        });
        routes.post("/v1/jobs", ctx -> {
            RequestBody body = RequestBody.of(ctx).require("name", "store", "target", "retention", "schedule");
            UUID uuid = UUID.randomUUID();
            changes.createJob(Principals.of(ctx), uuid, body.string("name"), body.uuid("target"),
                    () -> read(body, uuid, body.bool("paused", false), null));
            Json.send(ctx, 200, Views.created(uuid));
        });
        routes.put("/v1/job/{uuid}", ctx -> {
            UUID uuid = Ids.path(ctx, "job");
            Principal p = Principals.of(ctx);
            cairn.access().job(p, uuid, Permission.VIEW);
            RequestBody body = RequestBody.of(ctx).require("name", "summary", "store", "target", "retention", "schedule");
            if (body.has("paused")) {
                throw new CairnException.InvalidInput("paused cannot be changed by an update; use POST /v1/job/"
                        + uuid + "/pause or /unpause");
            }
            changes.updateJob(p, uuid, body.uuid("target"), current -> read(body, uuid, current.paused(), current));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.delete("/v1/job/{uuid}", ctx -> {
            changes.deleteJob(Principals.of(ctx), Ids.path(ctx, "job"));
            Json.ok(ctx, Views.ok("deleted"));
        });
        routes.post("/v1/job/{uuid}/pause", ctx -> {
            changes.pauseJob(Principals.of(ctx), Ids.path(ctx, "job"), true);
            Json.ok(ctx, Views.ok("paused"));
        });
        routes.post("/v1/job/{uuid}/unpause", ctx -> {
            changes.pauseJob(Principals.of(ctx), Ids.path(ctx, "job"), false);
            Json.ok(ctx, Views.ok("unpaused"));
        });
        routes.post("/v1/job/{uuid}/run", ctx -> {
            UUID uuid = Ids.path(ctx, "job");
            Json.ok(ctx, Views.scheduled(actions.runJob(Principals.of(ctx), uuid, RequestBody.of(ctx).string("owner"))));
        });
    }

    /** The job in the body; what the body leaves out (priority, copies, verify, variants) is kept from {@code current}. */
    private Job read(RequestBody body, UUID uuid, boolean paused, Job current) {
        List<UUID> copies = body.has("copies") ? body.uuids("copies") : current == null ? List.of() : current.copies();
        int priority = body.has("priority") ? (int) body.integer("priority", Job.HIGHEST_PRIORITY, Job.LOWEST_PRIORITY)
                : current == null ? Job.DEFAULT_PRIORITY : current.priority();
        boolean verify = body.bool("verify", current != null && current.verify());
        List<String> variants = body.has("variants") ? body.strings("variants")
                : current == null ? List.of() : current.variants();
        return input.job(uuid, body.string("name"), body.string("summary", ""), body.uuid("target"), body.uuid("store"),
                body.uuid("schedule"), body.uuid("retention"), priority, paused, copies, verify, variants);
    }

    private static Boolean pausedFilter(String flag) {
        return Flags.parse("paused", flag);
    }
}
