package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Usage;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.CatalogChanges;
import dev.cairn.server.service.CatalogInput;
import java.time.ZoneId;
import java.util.UUID;

/** {@code /v1/schedules} and {@code /v1/schedule/{uuid}}: every signed-in user reads them, admins change them. */
final class ScheduleRoutes {
    private final Cairn cairn;
    private final Views views;
    private final CatalogChanges changes;

    ScheduleRoutes(Cairn cairn, Views views) {
        this.cairn = cairn;
        this.views = views;
        this.changes = new CatalogChanges(cairn);
    }

    void register(Routes routes) {
        var schedules = cairn.catalog().schedules();
        routes.get("/v1/schedules", ctx -> Json.ok(ctx, Views.all(NameQuery.of(ctx).filter(
                schedules.list(Usage.fromUnusedFlag(ctx.queryParam("unused"))), Schedule::name), views::schedule)));
        routes.get("/v1/schedule/{uuid}", ctx -> Json.ok(ctx, views.schedule(schedules.get(Ids.path(ctx, "schedule")))));
        routes.post("/v1/schedules", ctx -> {
            RequestBody body = RequestBody.of(ctx).require("name", "when");
            UUID uuid = UUID.randomUUID();
            changes.shared(Principals.of(ctx), "schedule.create", "schedule", uuid, body.string("name"),
                    () -> schedules.insert(read(body, uuid, ZoneId.of("UTC"))));
            Json.send(ctx, 200, Views.created(uuid));
        });
        routes.put("/v1/schedule/{uuid}", ctx -> {
            Schedule current = schedules.get(Ids.path(ctx, "schedule"));
            RequestBody body = RequestBody.of(ctx).require("name", "summary", "when");
            changes.shared(Principals.of(ctx), "schedule.update", "schedule", current.uuid(), current.name(),
                    () -> schedules.update(read(body, current.uuid(), current.timezone())));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.delete("/v1/schedule/{uuid}", ctx -> {
            Schedule current = schedules.get(Ids.path(ctx, "schedule"));
            changes.shared(Principals.of(ctx), "schedule.delete", "schedule", current.uuid(), current.name(),
                    () -> schedules.delete(current.uuid()));
            Json.ok(ctx, Views.ok("deleted"));
        });
    }

    /** The schedule in the body; a body without a timezone keeps {@code zone}. */
    private static Schedule read(RequestBody body, UUID uuid, ZoneId zone) {
        return CatalogInput.schedule(uuid, body.string("name"), body.string("summary", ""), body.string("when"),
                body.string("timezone"), zone);
    }
}
