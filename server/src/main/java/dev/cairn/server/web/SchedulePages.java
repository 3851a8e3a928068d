package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Permission;
import dev.cairn.server.auth.Principals;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Usage;
import dev.cairn.core.schedule.Timespec;
import dev.cairn.server.service.CatalogInput;
import dev.cairn.server.service.Statuses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/** Schedules: the list with their next runs, and a form that checks the timespec as it is typed. */
final class SchedulePages {
    private static final int NEXT_RUNS = 5;
    private final Cairn cairn;
    private final Pages pages;
    private final WebAudit audit;

    SchedulePages(Cairn cairn, Pages pages) {
        this.cairn = cairn;
        this.pages = pages;
        this.audit = new WebAudit(cairn.access());
    }

    void register(RoutesConfig routes) {
        routes.get("/schedules", this::list);
        routes.get("/schedules/new", ctx -> {
            Principals.of(ctx).require(Permission.MANAGE_SHARED);
            form(ctx, 200, null, "", "", "", "UTC", null, List.of());
        });
        routes.get("/schedules/check", this::check);
        routes.post("/schedules", ctx -> save(ctx, null));
        routes.get("/schedules/{uuid}", ctx -> {
            Schedule s = schedule(ctx);
            form(ctx, 200, s.uuid(), s.name(), s.summary(), s.when().text(), s.timezone().getId(), null, List.of());
        });
        routes.post("/schedules/{uuid}", ctx -> save(ctx, schedule(ctx)));
        routes.get("/schedules/{uuid}/delete", ctx -> {
            Principals.of(ctx).require(Permission.MANAGE_SHARED);
            confirmDelete(ctx, schedule(ctx), null);
        });
        routes.post("/schedules/{uuid}/delete", ctx -> {
            Schedule s = schedule(ctx);
            var p = Principals.of(ctx);
            audit.require(p, "schedule.delete", Permission.MANAGE_SHARED);
            try {
                audit.run(p, "schedule.delete", () -> new AuditObject("schedule", s.uuid(), s.name(), null),
                        () -> cairn.catalog().schedules().delete(s.uuid()));
            } catch (CairnException.Conflict e) {
                confirmDelete(ctx, s, e.getMessage());
                return;
            }
            Pages.done(ctx, "/schedules", "Schedule '" + s.name() + "' deleted.");
        });
    }

    private Schedule schedule(Context ctx) {
        return cairn.catalog().schedules().get(Pages.uuid(ctx, "schedule"));
    }

    private void list(Context ctx) {
        List<ScheduleRow> rows = cairn.catalog().schedules().list(Usage.ANY).stream()
                .map(s -> new ScheduleRow(s, nextRuns(s.when(), s.timezone(), 3))).toList();
        pages.page(ctx, "schedules.jte", "Schedules", "schedules", Pages.params("rows", rows));
    }

    /** What the timespec being typed means, or why it is not one: swapped in under the input by htmx. */
    private void check(Context ctx) {
        String when = ctx.queryParam("when");
        String zone = ctx.queryParam("timezone");
        TimespecCheck result;
        if (when == null || when.isBlank()) {
            result = TimespecCheck.empty();
        } else {
            try {
                Timespec timespec = Timespec.parse(when);
                ZoneId zoneId = zone == null || zone.isBlank() ? ZoneId.of("UTC") : CatalogInput.zone(zone);
                result = TimespecCheck.understood(timespec.canonical(), nextRuns(timespec, zoneId, NEXT_RUNS));
            } catch (CairnException e) {
                result = TimespecCheck.refused(e.getMessage());
            }
        }
        pages.fragment(ctx, 200, "timespec-check.jte", Pages.params("check", result));
    }

    private List<String> nextRuns(Timespec when, ZoneId zone, int count) {
        ZonedDateTime now = cairn.clock().instant().atZone(zone);
        return when.nextRuns(now, count).stream()
                .map(t -> Display.time(t.toInstant()) + (zone.getId().equals("UTC") ? "" : " (" + t.toLocalDateTime().toString().replace('T', ' ') + " " + zone.getId() + ")"))
                .toList();
    }

    private void save(Context ctx, Schedule current) {
        Form form = Form.of(ctx);
        UUID uuid = current == null ? UUID.randomUUID() : current.uuid();
        Schedule schedule;
        var p = Principals.of(ctx);
        String action = current == null ? "schedule.create" : "schedule.update";
        audit.require(p, action, Permission.MANAGE_SHARED);
        try {
            form.require("name", "when");
            schedule = CatalogInput.schedule(uuid, form.text("name"), form.text("summary"), form.text("when"),
                    form.optional("timezone"), current == null ? ZoneId.of("UTC") : current.timezone());
            Schedule saving = schedule;
            audit.run(p, action, () -> new AuditObject("schedule", uuid, saving.name(), null), () -> {
                if (current == null) {
                    cairn.catalog().schedules().insert(saving);
                } else {
                    cairn.catalog().schedules().update(saving);
                }
            });
        } catch (CairnException e) {
            form(ctx, Statuses.of(e), current == null ? null : uuid, form.text("name"), form.text("summary"),
                    form.text("when"), form.text("timezone"), e.getMessage(),
                    e instanceof CairnException.InvalidInput i ? i.missing() : List.of());
            return;
        }
        Pages.done(ctx, "/schedules", "Schedule '" + schedule.name() + "' " + (current == null ? "created." : "saved."));
    }

    private void form(Context ctx, int status, UUID uuid, String name, String summary, String when, String timezone,
                      String error, List<String> invalid) {
        pages.page(ctx, status, "schedule-form.jte", uuid == null ? "New schedule" : "Schedule " + name, "schedules",
                Pages.params("form", new ScheduleForm(uuid, name, summary, when, timezone, error, invalid),
                        "editable", Principals.of(ctx).admin()));
    }

    private void confirmDelete(Context ctx, Schedule s, String error) {
        pages.page(ctx, error == null ? 200 : 409, "confirm.jte", "Delete schedule " + s.name(), "schedules",
                Pages.params("question", "Delete schedule '" + s.name() + "'?",
                        "consequence", "A schedule that a job still uses cannot be deleted.",
                        "action", "/schedules/" + s.uuid() + "/delete", "button", "Delete schedule",
                        "back", "/schedules", "error", error));
    }
}
