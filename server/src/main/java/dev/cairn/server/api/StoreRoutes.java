package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.StoreHealth;
import dev.cairn.core.catalog.Usage;
import dev.cairn.core.stores.CatalogRecovery;
import dev.cairn.core.stores.StoreSelfTest;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.CatalogChanges;
import dev.cairn.server.service.CatalogInput;
import dev.cairn.server.service.UserActions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@code /v1/stores} and {@code /v1/store/{uuid}}: every signed-in user reads them, admins change them. */
final class StoreRoutes {
    private final Cairn cairn;
    private final Views views;
    private final CatalogInput input;
    private final UserActions actions;
    private final CatalogChanges changes;

    StoreRoutes(Cairn cairn, Views views) {
        this.cairn = cairn;
        this.views = views;
        this.input = new CatalogInput(cairn);
        this.actions = new UserActions(cairn);
        this.changes = new CatalogChanges(cairn);
    }

    void register(Routes routes) {
        var stores = cairn.catalog().stores();
        routes.get("/v1/stores", ctx -> {
            var health = stores.health();
            Json.ok(ctx, Views.all(NameQuery.of(ctx).filter(stores.list(Ids.queryText(ctx, "plugin"),
                    Usage.fromUnusedFlag(ctx.queryParam("unused"))), Store::name), s -> views.store(s, health.getOrDefault(s.uuid(), StoreHealth.UNKNOWN))));
        });
        routes.get("/v1/store/{uuid}", ctx -> Json.ok(ctx, views.store(stores.get(Ids.path(ctx, "store")))));
        routes.post("/v1/stores", ctx -> {
            RequestBody body = RequestBody.of(ctx).require("name", "plugin", "endpoint");
            UUID uuid = UUID.randomUUID();
            changes.sharedWithEndpoint(Principals.of(ctx), "store.create", "store", uuid, body.string("name"),
                    () -> stores.insert(read(body, uuid, null)));
            Json.send(ctx, 200, Views.created(uuid));
        });
        routes.put("/v1/store/{uuid}", ctx -> {
            Store current = stores.get(Ids.path(ctx, "store"));
            RequestBody body = RequestBody.of(ctx).require("name", "summary", "plugin", "endpoint");
            changes.sharedWithEndpoint(Principals.of(ctx), "store.update", "store", current.uuid(), current.name(),
                    () -> stores.update(read(body, current.uuid(), current)));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.post("/v1/store/{uuid}/test", ctx -> {
            StoreSelfTest.Result result = actions.testStore(Principals.of(ctx), Ids.path(ctx, "store"));
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("healthy", result.healthy());
            reply.put("error", result.error());
            Json.ok(ctx, reply);
        });
        routes.post("/v1/store/{uuid}/recover", ctx -> {
            CatalogRecovery.Outcome outcome = changes.recoverStore(Principals.of(ctx), stores.get(Ids.path(ctx, "store")));
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("recovered", outcome.recovered().stream().map(UUID::toString).toList());
            reply.put("already_known", outcome.known());
            reply.put("missing_objects", outcome.missingObjects());
            reply.put("unreadable", outcome.unreadable());
            reply.put("created_targets", outcome.createdTargets());
            Json.ok(ctx, reply);
        });
        routes.delete("/v1/store/{uuid}", ctx -> {
            Store store = stores.get(Ids.path(ctx, "store"));
            changes.shared(Principals.of(ctx), "store.delete", "store", store.uuid(), store.name(),
                    () -> stores.delete(store.uuid()));
            Json.ok(ctx, Views.ok("deleted"));
        });
    }

    private Store read(RequestBody body, UUID uuid, Store current) {
        return input.store(uuid, body.string("name"), body.string("summary", ""), body.string("plugin"),
                body.endpoint("endpoint"), current);
    }
}
