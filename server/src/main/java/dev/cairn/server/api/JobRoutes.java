package dev.cairn.server.api;

import dev.cairn.server.auth.Principals;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.JobFilter;
import dev.cairn.server.service.CatalogInput;
import dev.cairn.server.service.UserActions;
import java.util.List;
import java.util.UUID;

/** {@code /v1/jobs}, {@code /v1/job/{uuid}} and its pause, unpause and run actions. */
final class JobRoutes {
    private final Cairn cairn;
    private final Views views;
    private final CatalogInput input;
    private final UserActions actions;

    JobRoutes(Cairn cairn, Views views) {
        this.cairn = cairn;
        this.views = views;
        this.input = new CatalogInput(cairn);
        this.actions = new UserActions(cairn);
    }

    void register(Routes routes) {
        var jobs = cairn.catalog().jobs();
        routes.get("/v1/jobs", ctx -> Json.ok(ctx, Views.all(NameQuery.of(ctx).filter(jobs.list(new JobFilter(Ids.query(ctx, "target"),
                Ids.query(ctx, "store"), Ids.query(ctx, "schedule"), Ids.query(ctx, "retention"),
                pausedFilter(ctx.queryParam("paused")))), Job::name), views::job)));
        routes.get("/v1/job/{uuid}", ctx -> Json.ok(ctx, views.job(jobs.get(Ids.path(ctx, "job")))));
        routes.post("/v1/jobs", ctx -> {
            RequestBody body = RequestBody.of(ctx).require("name", "store", "target", "retention", "schedule");
            Job job = read(body, UUID.randomUUID(), body.bool("paused", false), null);
            jobs.insert(job);
            Json.send(ctx, 200, Views.created(job.uuid()));
        });
        routes.put("/v1/job/{uuid}", ctx -> {
            Job current = jobs.get(Ids.path(ctx, "job"));
            RequestBody body = RequestBody.of(ctx).require("name", "summary", "store", "target", "retention", "schedule");
            if (body.has("paused")) {
                throw new CairnException.InvalidInput("paused cannot be changed by an update; use POST /v1/job/"
                        + current.uuid() + "/pause or /unpause");
            }
            jobs.update(read(body, current.uuid(), current.paused(), current));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.delete("/v1/job/{uuid}", ctx -> {
            jobs.delete(Ids.path(ctx, "job"));
            Json.ok(ctx, Views.ok("deleted"));
        });
        routes.post("/v1/job/{uuid}/pause", ctx -> {
            jobs.setPaused(Ids.path(ctx, "job"), true);
            Json.ok(ctx, Views.ok("paused"));
        });
        routes.post("/v1/job/{uuid}/unpause", ctx -> {
            jobs.setPaused(Ids.path(ctx, "job"), false);
            Json.ok(ctx, Views.ok("unpaused"));
        });
        routes.post("/v1/job/{uuid}/run", ctx -> {
            UUID uuid = Ids.path(ctx, "job");
            Json.ok(ctx, Views.scheduled(actions.runJob(Principals.of(ctx), uuid, RequestBody.of(ctx).string("owner"))));
        });
    }

    /** The job in the body; what the body leaves out (priority, copies, verify) is kept from {@code current}. */
    private Job read(RequestBody body, UUID uuid, boolean paused, Job current) {
        List<UUID> copies = body.has("copies") ? body.uuids("copies") : current == null ? List.of() : current.copies();
        int priority = body.has("priority") ? (int) body.integer("priority", Job.HIGHEST_PRIORITY, Job.LOWEST_PRIORITY)
                : current == null ? Job.DEFAULT_PRIORITY : current.priority();
        boolean verify = body.bool("verify", current != null && current.verify());
        return input.job(uuid, body.string("name"), body.string("summary", ""), body.uuid("target"), body.uuid("store"),
                body.uuid("schedule"), body.uuid("retention"), priority, paused, copies, verify);
    }

    private static Boolean pausedFilter(String flag) {
        return Flags.parse("paused", flag);
    }
}
