package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Usage;
import dev.cairn.core.targets.ConnectionTest;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.CatalogChanges;
import dev.cairn.server.service.CatalogInput;
import dev.cairn.server.service.UserActions;
import io.javalin.http.Context;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /v1/targets} and {@code /v1/target/{uuid}}, the principal's teams' only (a body's {@code team},
 * a name or uuid, says which team a target belongs to), and their connection tests: 200
 * {@code {"ok": what it reached}} when the endpoint connects, 422 {@code {"error": what is wrong}}
 * when it does not, 409 for a target run by an agent.
 */
final class TargetRoutes {
    private final Cairn cairn;
    private final Views views;
    private final CatalogInput input;
    private final UserActions actions;
    private final CatalogChanges changes;

    TargetRoutes(Cairn cairn, Views views) {
        this.cairn = cairn;
        this.views = views;
        this.input = new CatalogInput(cairn);
        this.actions = new UserActions(cairn);
        this.changes = new CatalogChanges(cairn);
    }

    void register(Routes routes) {
        var targets = cairn.catalog().targets();
        routes.get("/v1/targets", ctx -> Json.ok(ctx, Views.all(NameQuery.of(ctx).filter(targets.list(
                Ids.queryText(ctx, "plugin"), Usage.fromUnusedFlag(ctx.queryParam("unused")), Principals.of(ctx).scope()),
                Target::name), views::target)));
        routes.get("/v1/target/{uuid}", ctx -> Json.ok(ctx, views.target(
                cairn.access().target(Principals.of(ctx), Ids.path(ctx, "target"), Permission.VIEW))));
        routes.post("/v1/targets", ctx -> {
            RequestBody body = RequestBody.of(ctx).require("name", "plugin", "endpoint");
            UUID uuid = UUID.randomUUID();
            changes.createTarget(Principals.of(ctx), uuid, body.string("name"), body.string("team"), () -> read(body, uuid, null));
            Json.send(ctx, 200, Views.created(uuid));
        });
        routes.put("/v1/target/{uuid}", ctx -> {
            UUID uuid = Ids.path(ctx, "target");
            Principal p = Principals.of(ctx);
            cairn.access().target(p, uuid, Permission.VIEW);
            RequestBody body = RequestBody.of(ctx).require("name", "summary", "plugin", "endpoint");
            changes.updateTarget(p, uuid, body.string("team"), current -> read(body, uuid, current));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.post("/v1/target/{uuid}/test", ctx -> reply(ctx, actions.testTarget(Principals.of(ctx), Ids.path(ctx, "target"))));
        routes.post("/v1/targets/test", ctx -> {
            RequestBody body = RequestBody.of(ctx).require("plugin", "endpoint");
            reply(ctx, actions.testEndpoint(Principals.of(ctx), body.string("name", ""), body.string("plugin"), body.endpoint("endpoint"),
                    body.string("agent", ""), body.uuid("target")));
        });
        routes.delete("/v1/target/{uuid}", ctx -> {
            changes.deleteTarget(Principals.of(ctx), Ids.path(ctx, "target"));
            Json.ok(ctx, Views.ok("deleted"));
        });
    }

    private static void reply(Context ctx, ConnectionTest.Result result) {
        if (result.connected()) {
            Json.ok(ctx, Views.ok(result.message()));
        } else {
            Json.send(ctx, 422, Map.of("error", result.message()));
        }
    }

    private Target read(RequestBody body, UUID uuid, Target current) {
        return input.target(uuid, body.string("name"), body.string("summary", ""), body.string("plugin"),
                body.endpoint("endpoint"), body.string("agent", ""), current);
    }
}
