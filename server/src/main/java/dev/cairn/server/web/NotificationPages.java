package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Permission;
import dev.cairn.core.notify.Channel;
import dev.cairn.core.notify.Delivery;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.NotificationChanges;
import dev.cairn.server.service.Statuses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Notification channels, an admin's page: the channels with their events and last delivery, a
 * Test button on each, a form for a new one, and delete. Changes go through {@link
 * NotificationChanges}, as the API's do (checked and audited there).
 */
final class NotificationPages {
    private final Cairn cairn;
    private final Pages pages;
    private final NotificationChanges changes;

    NotificationPages(Cairn cairn, Pages pages) {
        this.cairn = cairn;
        this.pages = pages;
        this.changes = new NotificationChanges(cairn);
    }

    void register(RoutesConfig routes) {
        routes.get("/notifications", ctx -> {
            List<Channel> channels = changes.list(Principals.of(ctx));
            Map<String, Delivery> last = new LinkedHashMap<>();
            for (Channel c : channels) {
                changes.deliveries(Principals.of(ctx), c.uuid(), 1).stream().findFirst().ifPresent(d -> last.put(c.uuid().toString(), d));
            }
            pages.page(ctx, "notifications.jte", "Notifications", "notifications", Pages.params("channels", channels, "last", last));
        });
        routes.get("/notifications/new", ctx -> {
            Principals.of(ctx).require(Permission.MANAGE_SYSTEM);
            form(ctx, 200, NotificationForm.empty(), null);
        });
        routes.post("/notifications", ctx -> {
            Form form = Form.of(ctx);
            NotificationForm typed = NotificationForm.of(form);
            try {
                changes.create(Principals.of(ctx), typed.input());
            } catch (CairnException.InvalidInput | CairnException.Conflict e) {
                form(ctx, Statuses.of(e), typed, e.getMessage());
                return;
            }
            Pages.done(ctx, "/notifications", "Notification channel '" + typed.name() + "' created.");
        });
        routes.post("/notifications/{uuid}/test", ctx -> {
            Channel channel = changes.get(Principals.of(ctx), Pages.uuid(ctx, "notification channel"));
            Delivery d = changes.test(Principals.of(ctx), channel.uuid());
            Pages.done(ctx, "/notifications", d.sent() ? "Test notification sent to '" + channel.name() + "'."
                    : "The test notification to '" + channel.name() + "' did not arrive: " + d.error());
        });
        routes.get("/notifications/{uuid}/delete", ctx -> {
            Channel channel = changes.get(Principals.of(ctx), Pages.uuid(ctx, "notification channel"));
            pages.page(ctx, "confirm.jte", "Delete notification channel " + channel.name(), "notifications",
                    Pages.params("question", "Delete notification channel '" + channel.name() + "'?",
                            "consequence", "Nothing is told to it any more; its delivery record goes with it.",
                            "action", "/notifications/" + channel.uuid() + "/delete", "button", "Delete channel",
                            "back", "/notifications", "error", null));
        });
        routes.post("/notifications/{uuid}/delete", ctx -> {
            Channel channel = changes.get(Principals.of(ctx), Pages.uuid(ctx, "notification channel"));
            changes.delete(Principals.of(ctx), channel.uuid());
            Pages.done(ctx, "/notifications", "Notification channel '" + channel.name() + "' deleted.");
        });
    }

    private void form(Context ctx, int status, NotificationForm form, String error) {
        pages.page(ctx, status, "notification-form.jte", "New notification channel", "notifications",
                Pages.params("form", form, "error", error));
    }
}
