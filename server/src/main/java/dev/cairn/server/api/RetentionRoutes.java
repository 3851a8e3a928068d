package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Usage;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.CatalogChanges;
import java.util.UUID;

/** {@code /v1/retention} and {@code /v1/retention/{uuid}}: every signed-in user reads them, admins change them. */
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
                    () -> policies.insert(new RetentionPolicy(uuid, body.string("name"), body.string("summary", ""), expires(body))));
            Json.send(ctx, 200, Views.created(uuid));
        });
        routes.put("/v1/retention/{uuid}", ctx -> {
            RetentionPolicy current = policies.get(Ids.path(ctx, "retention policy"));
            RequestBody body = RequestBody.of(ctx).require("name", "summary", "expires");
            changes.shared(Principals.of(ctx), "retention.update", "retention", current.uuid(), current.name(),
                    () -> policies.update(new RetentionPolicy(current.uuid(), body.string("name"), body.string("summary"),
                            expires(body))));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.delete("/v1/retention/{uuid}", ctx -> {
            RetentionPolicy current = policies.get(Ids.path(ctx, "retention policy"));
            changes.shared(Principals.of(ctx), "retention.delete", "retention", current.uuid(), current.name(),
                    () -> policies.delete(current.uuid()));
            Json.ok(ctx, Views.ok("deleted"));
        });
    }

    private static long expires(RequestBody body) {
        return body.integer("expires", RetentionPolicy.MINIMUM_EXPIRY, RetentionPolicy.MAXIMUM_EXPIRY);
    }
}
