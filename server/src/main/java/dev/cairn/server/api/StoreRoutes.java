package dev.cairn.server.api;

import dev.cairn.server.auth.Principals;
import dev.cairn.core.Cairn;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.StoreHealth;
import dev.cairn.core.catalog.Usage;
import dev.cairn.core.stores.CatalogRecovery;
import dev.cairn.core.stores.StoreSelfTest;
import dev.cairn.server.service.CatalogInput;
import dev.cairn.server.service.UserActions;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** {@code /v1/stores} and {@code /v1/store/{uuid}}. */
final class StoreRoutes {
    private final Cairn cairn;
    private final Views views;
    private final CatalogInput input;
    private final UserActions actions;

    StoreRoutes(Cairn cairn, Views views) {
        this.cairn = cairn;
        this.views = views;
        this.input = new CatalogInput(cairn);
        this.actions = new UserActions(cairn);
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
            Store store = read(RequestBody.of(ctx).require("name", "plugin", "endpoint"), UUID.randomUUID(), null);
            stores.insert(store);
            Json.send(ctx, 200, Views.created(store.uuid()));
        });
        routes.put("/v1/store/{uuid}", ctx -> {
            Store current = stores.get(Ids.path(ctx, "store"));
            stores.update(read(RequestBody.of(ctx).require("name", "summary", "plugin", "endpoint"), current.uuid(), current));
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
            CatalogRecovery.Outcome outcome = cairn.recovery().recover(Ids.path(ctx, "store"));
            Map<String, Object> reply = new LinkedHashMap<>();
            reply.put("recovered", outcome.recovered().stream().map(UUID::toString).toList());
            reply.put("already_known", outcome.known());
            reply.put("missing_objects", outcome.missingObjects());
            reply.put("unreadable", outcome.unreadable());
            reply.put("created_targets", outcome.createdTargets());
            Json.ok(ctx, reply);
        });
        routes.delete("/v1/store/{uuid}", ctx -> {
            stores.delete(Ids.path(ctx, "store"));
            Json.ok(ctx, Views.ok("deleted"));
        });
    }

    private Store read(RequestBody body, UUID uuid, Store current) {
        return input.store(uuid, body.string("name"), body.string("summary", ""), body.string("plugin"),
                body.endpoint("endpoint"), current);
    }
}
