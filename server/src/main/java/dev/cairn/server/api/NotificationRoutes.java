package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.notify.Channel;
import dev.cairn.core.notify.Delivery;
import dev.cairn.core.notify.Event;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.NotificationChanges;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code /v1/notifications} and {@code /v1/notification/{uuid}}: channels and the rule of each (its
 * events, jobs and missed-backup threshold), an admin's only; {@code POST …/test} sends a test
 * notification now (200 when it arrived, 422 with why when not), {@code GET …/deliveries} lists
 * the last deliveries and their outcome.
 */
final class NotificationRoutes {
    private static final long MAX_MISSED_AFTER = 366L * 86400;
    private final NotificationChanges changes;

    NotificationRoutes(Cairn cairn) {
        this.changes = new NotificationChanges(cairn);
    }

    void register(Routes routes) {
        routes.get("/v1/notifications", ctx -> Json.ok(ctx, NameQuery.of(ctx).filter(changes.list(Principals.of(ctx)),
                Channel::name).stream().map(c -> view(c, changes.deliveries(Principals.of(ctx), c.uuid(), 1))).toList()));
        routes.get("/v1/notification/{uuid}", ctx -> {
            Channel channel = changes.get(Principals.of(ctx), uuid(ctx));
            Json.ok(ctx, view(channel, changes.deliveries(Principals.of(ctx), channel.uuid(), 1)));
        });
        routes.post("/v1/notifications", ctx -> {
            RequestBody body = RequestBody.of(ctx).require("name", "kind", "config", "events");
            Json.send(ctx, 200, Views.created(changes.create(Principals.of(ctx), input(body))));
        });
        routes.put("/v1/notification/{uuid}", ctx -> {
            UUID uuid = uuid(ctx);
            changes.update(Principals.of(ctx), uuid, input(RequestBody.of(ctx).require("name", "kind", "config", "events")));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.delete("/v1/notification/{uuid}", ctx -> {
            changes.delete(Principals.of(ctx), uuid(ctx));
            Json.ok(ctx, Views.ok("deleted"));
        });
        routes.post("/v1/notification/{uuid}/test", ctx -> {
            Delivery delivery = changes.test(Principals.of(ctx), uuid(ctx));
            if (delivery.sent()) {
                Json.ok(ctx, Views.ok("sent"));
            } else {
                Json.send(ctx, 422, Map.of("error", delivery.error()));
            }
        });
        routes.get("/v1/notification/{uuid}/deliveries", ctx -> Json.ok(ctx, changes.deliveries(Principals.of(ctx), uuid(ctx),
                Math.min(ListLimit.of(ctx, 50).value(), 500)).stream().map(NotificationRoutes::delivery).toList()));
    }

    private static UUID uuid(Context ctx) {
        return Ids.path(ctx, "notification channel");
    }

    private static NotificationChanges.Input input(RequestBody body) {
        return new NotificationChanges.Input(body.string("name"), body.string("summary", ""), body.string("kind"),
                body.endpoint("config"), body.strings("events"), body.uuids("jobs"),
                body.has("missed_after") ? body.integer("missed_after", 60, MAX_MISSED_AFTER) : null);
    }

    static Map<String, Object> view(Channel c, List<Delivery> last) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", c.uuid().toString());
        v.put("name", c.name());
        v.put("summary", c.summary());
        v.put("kind", c.kind().wire());
        v.put("config", NotificationChanges.maskedConfig(c));
        v.put("events", c.events().stream().sorted().map(Event::wire).toList());
        v.put("jobs", c.jobs().stream().map(UUID::toString).toList());
        v.put("missed_after", c.missedAfter() == null ? null : c.missedAfter().toSeconds());
        v.put("last_delivery", last.isEmpty() ? null : delivery(last.getFirst()));
        return v;
    }

    static Map<String, Object> delivery(Delivery d) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", d.uuid().toString());
        v.put("event", d.event().wire());
        v.put("subject", d.subject());
        v.put("at", Times.format(d.at()));
        v.put("status", d.sent() ? "sent" : "failed");
        v.put("attempts", d.attempts());
        v.put("error", d.error());
        return v;
    }
}
