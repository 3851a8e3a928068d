package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Permission;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.retention.RetentionPlan;
import dev.cairn.core.catalog.Usage;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.CatalogChanges;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /v1/retention} and {@code /v1/retention/{uuid}}: every signed-in user reads them, admins
 * change them. {@code keep_daily}, {@code keep_weekly}, {@code keep_monthly} and {@code keep_yearly}
 * are optional (0 when left out), so seed 004's clients work as before; a PUT without them keeps the
 * policy's. {@code /v1/retention/{uuid}/preview?target=} shows what the next sweep purges and keeps.
 */
final class RetentionRoutes {
    private final Cairn cairn;
    private final Views views;
    private final CatalogChanges changes;

    RetentionRoutes(Cairn cairn, Views views) {
        this.cairn = cairn;
        this.views = views;
        this.changes = new CatalogChanges(cairn);
    }

    void register(Routes routes) {
        var policies = cairn.catalog().retention();
        routes.get("/v1/retention", ctx -> Json.ok(ctx, Views.all(NameQuery.of(ctx).filter(
                policies.list(Usage.fromUnusedFlag(ctx.queryParam("unused"))), RetentionPolicy::name), views::retention)));
        routes.get("/v1/retention/{uuid}", ctx -> Json.ok(ctx, views.retention(policies.get(Ids.path(ctx, "retention policy")))));
        routes.post("/v1/retention", ctx -> {
            RequestBody body = RequestBody.of(ctx).require("name", "expires");
            UUID uuid = UUID.randomUUID();
            changes.shared(Principals.of(ctx), "retention.create", "retention", uuid, body.string("name"),
                    () -> policies.insert(new RetentionPolicy(uuid, body.string("name"), body.string("summary", ""), expires(body),
                            keep(body, RetentionPolicy.Keep.NONE))));
            Json.send(ctx, 200, Views.created(uuid));
        });
        routes.put("/v1/retention/{uuid}", ctx -> {
            RetentionPolicy current = policies.get(Ids.path(ctx, "retention policy"));
            RequestBody body = RequestBody.of(ctx).require("name", "summary", "expires");
            changes.shared(Principals.of(ctx), "retention.update", "retention", current.uuid(), current.name(),
                    () -> policies.update(new RetentionPolicy(current.uuid(), body.string("name"), body.string("summary"),
                            expires(body), keep(body, current.keep()))));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.get("/v1/retention/{uuid}/preview", ctx -> {
            RetentionPolicy policy = policies.get(Ids.path(ctx, "retention policy"));
            UUID target = Ids.query(ctx, "target");
            if (target == null) {
                throw CairnException.InvalidInput.missing(List.of("target"));
            }
            Target visible = cairn.access().target(Principals.of(ctx), target, Permission.VIEW);
            Json.ok(ctx, preview(cairn.sweeper().preview(policy, visible.uuid(), cairn.clock().instant())));
        });
        routes.delete("/v1/retention/{uuid}", ctx -> {
            RetentionPolicy current = policies.get(Ids.path(ctx, "retention policy"));
            changes.shared(Principals.of(ctx), "retention.delete", "retention", current.uuid(), current.name(),
                    () -> policies.delete(current.uuid()));
            Json.ok(ctx, Views.ok("deleted"));
        });
    }

    private Map<String, Object> preview(RetentionPlan plan) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("retention_uuid", plan.policy().toString());
        v.put("target_uuid", plan.target().toString());
        v.put("at", Times.format(plan.at()));
        v.put("purge", plan.decisions().stream().filter(RetentionPlan.Decision::purge).map(this::decision).toList());
        v.put("keep", plan.decisions().stream().filter(d -> !d.purge()).map(this::decision).toList());
        return v;
    }

    private Map<String, Object> decision(RetentionPlan.Decision d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", d.archive().uuid().toString());
        v.put("taken_at", Times.format(d.archive().takenAt()));
        v.put("expires_at", Times.format(d.archive().expiresAt()));
        v.put("store_uuid", d.archive().store().toString());
        v.put("status", d.archive().status().wire());
        v.put("kept_by", d.keptBy());
        return v;
    }

    /** The optional rules of {@code body}; one left out is {@code fallback}'s. */
    private static RetentionPolicy.Keep keep(RequestBody body, RetentionPolicy.Keep fallback) {
        return new RetentionPolicy.Keep(count(body, "keep_daily", fallback.daily()), count(body, "keep_weekly", fallback.weekly()),
                count(body, "keep_monthly", fallback.monthly()), count(body, "keep_yearly", fallback.yearly()));
    }

    private static int count(RequestBody body, String field, int fallback) {
        return body.has(field) ? (int) body.integer(field, 0, RetentionPolicy.Keep.MAXIMUM) : fallback;
    }

    private static long expires(RequestBody body) {
        return body.integer("expires", RetentionPolicy.MINIMUM_EXPIRY, RetentionPolicy.MAXIMUM_EXPIRY);
    }
}
