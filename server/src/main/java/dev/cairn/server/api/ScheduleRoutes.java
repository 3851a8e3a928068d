package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Usage;
import dev.cairn.server.service.CatalogInput;
import java.time.ZoneId;
import java.util.UUID;

/** {@code /v1/schedules} and {@code /v1/schedule/{uuid}}. */
final class ScheduleRoutes {
    private final Cairn cairn;
    private final Views views;

    ScheduleRoutes(Cairn cairn, Views views) {
        this.cairn = cairn;
        this.views = views;
    }

    void register(Routes routes) {
        var schedules = cairn.catalog().schedules();
        routes.get("/v1/schedules", ctx -> Json.ok(ctx, Views.all(NameQuery.of(ctx).filter(
                schedules.list(Usage.fromUnusedFlag(ctx.queryParam("unused"))), Schedule::name), views::schedule)));
        routes.get("/v1/schedule/{uuid}", ctx -> Json.ok(ctx, views.schedule(schedules.get(Ids.path(ctx, "schedule")))));
        routes.post("/v1/schedules", ctx -> {
            Schedule schedule = read(RequestBody.of(ctx).require("name", "when"), UUID.randomUUID(), ZoneId.of("UTC"));
            schedules.insert(schedule);
            Json.send(ctx, 200, Views.created(schedule.uuid()));
        });
        routes.put("/v1/schedule/{uuid}", ctx -> {
            Schedule current = schedules.get(Ids.path(ctx, "schedule"));
            schedules.update(read(RequestBody.of(ctx).require("name", "summary", "when"), current.uuid(), current.timezone()));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.delete("/v1/schedule/{uuid}", ctx -> {
            schedules.delete(Ids.path(ctx, "schedule"));
            Json.ok(ctx, Views.ok("deleted"));
        });
    }

    /** The schedule in the body; a body without a timezone keeps {@code zone}. */
    private static Schedule read(RequestBody body, UUID uuid, ZoneId zone) {
        return CatalogInput.schedule(uuid, body.string("name"), body.string("summary", ""), body.string("when"),
                body.string("timezone"), zone);
    }
}
