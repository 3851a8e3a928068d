package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Usage;
import java.util.UUID;

/** {@code /v1/retention} and {@code /v1/retention/{uuid}}. */
final class RetentionRoutes {
    private final Cairn cairn;
    private final Views views;

    RetentionRoutes(Cairn cairn, Views views) {
        this.cairn = cairn;
        this.views = views;
    }

    void register(Routes routes) {
        var policies = cairn.catalog().retention();
        routes.get("/v1/retention", ctx -> Json.ok(ctx, Views.all(NameQuery.of(ctx).filter(
                policies.list(Usage.fromUnusedFlag(ctx.queryParam("unused"))), RetentionPolicy::name), views::retention)));
        routes.get("/v1/retention/{uuid}", ctx -> Json.ok(ctx, views.retention(policies.get(Ids.path(ctx, "retention policy")))));
        routes.post("/v1/retention", ctx -> {
            RequestBody body = RequestBody.of(ctx).require("name", "expires");
            RetentionPolicy policy = new RetentionPolicy(UUID.randomUUID(), body.string("name"),
                    body.string("summary", ""), expires(body));
            policies.insert(policy);
            Json.send(ctx, 200, Views.created(policy.uuid()));
        });
        routes.put("/v1/retention/{uuid}", ctx -> {
            UUID uuid = policies.get(Ids.path(ctx, "retention policy")).uuid();
            RequestBody body = RequestBody.of(ctx).require("name", "summary", "expires");
            policies.update(new RetentionPolicy(uuid, body.string("name"), body.string("summary"), expires(body)));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.delete("/v1/retention/{uuid}", ctx -> {
            policies.delete(Ids.path(ctx, "retention policy"));
            Json.ok(ctx, Views.ok("deleted"));
        });
    }

    private static long expires(RequestBody body) {
        return body.integer("expires", RetentionPolicy.MINIMUM_EXPIRY, RetentionPolicy.MAXIMUM_EXPIRY);
    }
}
