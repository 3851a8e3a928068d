package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.CatalogChanges;
import dev.cairn.server.service.UserActions;
import java.util.UUID;

/** {@code /v1/archives}, {@code /v1/archive/{uuid}} and its restore. Deleting an archive purges it from its store. */
final class ArchiveRoutes {
    private final Cairn cairn;
    private final Views views;
    private final UserActions actions;
    private final CatalogChanges changes;

    ArchiveRoutes(Cairn cairn, Views views) {
        this.cairn = cairn;
        this.views = views;
        this.actions = new UserActions(cairn);
        this.changes = new CatalogChanges(cairn);
    }

    void register(Routes routes) {
        var archives = cairn.catalog().archives();
        routes.get("/v1/archives", ctx -> Json.ok(ctx, Views.all(ListLimit.of(ctx, Integer.MAX_VALUE).apply(archives.list(new ArchiveFilter(
                Ids.query(ctx, "target"), Ids.query(ctx, "store"), Times.day("after", ctx.queryParam("after")),
                Times.day("before", ctx.queryParam("before")), Boolean.TRUE.equals(Flags.query(ctx, "purged")),
                Ids.query(ctx, "job")), Principals.of(ctx).scope())), views::archive)));
        routes.get("/v1/archive/{uuid}", ctx -> Json.ok(ctx, views.archive(
                cairn.access().archive(Principals.of(ctx), Ids.path(ctx, "archive"), Permission.VIEW))));
        routes.put("/v1/archive/{uuid}", ctx -> {
            UUID uuid = Ids.path(ctx, "archive");
            Principal p = Principals.of(ctx);
            cairn.access().archive(p, uuid, Permission.VIEW);
            changes.setNotes(p, uuid, RequestBody.of(ctx).require("notes").string("notes"));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.delete("/v1/archive/{uuid}", ctx -> {
            actions.deleteArchive(Principals.of(ctx), Ids.path(ctx, "archive"));
            Json.ok(ctx, Views.ok("deleted"));
        });
        routes.post("/v1/archive/{uuid}/verify", ctx -> {
            UUID uuid = Ids.path(ctx, "archive");
            Json.ok(ctx, Views.scheduled(actions.verify(Principals.of(ctx), uuid)));
        });
        routes.post("/v1/archive/{uuid}/restore", ctx -> {
            UUID uuid = Ids.path(ctx, "archive");
            RequestBody body = RequestBody.of(ctx);
            Json.ok(ctx, Views.scheduled(actions.restore(Principals.of(ctx), uuid, body.uuid("target"), body.string("owner"))));
        });
    }
}
