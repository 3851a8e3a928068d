package dev.cairn.server.service;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.notify.Channel;
import dev.cairn.core.notify.ChannelKind;
import dev.cairn.core.notify.Delivery;
import dev.cairn.core.notify.Event;
import dev.cairn.core.notify.Notifications;
import dev.cairn.plugin.Redactor;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Notification channels as people change them, the same for the API, the CLI and the web UI:
 * every read and change is an admin's ({@code manage-system}), each change and test an audit row.
 * Secret fields come back masked, and a masked value sent back keeps the stored secret.
 */
public final class NotificationChanges {
    private final Cairn cairn;
    private final Audited audited;

    public NotificationChanges(Cairn cairn) {
        this.cairn = cairn;
        this.audited = new Audited(cairn.access());
    }

    /** What a client sends to create or replace a channel. */
    public record Input(String name, String summary, String kind, Map<String, Object> config, List<String> events,
                        List<UUID> jobs, Long missedAfter) {
    }

    public List<Channel> list(Principal p) {
        p.require(Permission.MANAGE_SYSTEM);
        return cairn.notifier().channels().list();
    }

    public Channel get(Principal p, UUID uuid) {
        p.require(Permission.MANAGE_SYSTEM);
        return cairn.notifier().channels().get(uuid);
    }

    public List<Delivery> deliveries(Principal p, UUID uuid, int limit) {
        Channel channel = get(p, uuid);
        return cairn.notifier().deliveries().of(channel.uuid(), limit);
    }

    public UUID create(Principal p, Input in) {
        UUID uuid = UUID.randomUUID();
        audited.run(p, "notification.create", new AuditObject("notification", uuid, in.name(), null), () -> {
            p.require(Permission.MANAGE_SYSTEM);
            cairn.notifier().channels().insert(channel(uuid, in, null));
        });
        return uuid;
    }

    public void update(Principal p, UUID uuid, Input in) {
        Channel current = cairn.notifier().channels().get(uuid);
        audited.run(p, "notification.update", new AuditObject("notification", uuid, current.name(), null), () -> {
            p.require(Permission.MANAGE_SYSTEM);
            cairn.notifier().channels().update(channel(uuid, in, current));
        });
    }

    public void delete(Principal p, UUID uuid) {
        Channel current = cairn.notifier().channels().get(uuid);
        audited.run(p, "notification.delete", new AuditObject("notification", uuid, current.name(), null), () -> {
            p.require(Permission.MANAGE_SYSTEM);
            cairn.notifier().channels().delete(uuid);
        });
    }

    /** Sends a test notification to channel {@code uuid} now, once, and says whether it arrived. */
    public Delivery test(Principal p, UUID uuid) {
        Channel channel = cairn.notifier().channels().get(uuid);
        return audited.run(p, "notification.test", new AuditObject("notification", uuid, channel.name(), null), () -> {
            p.require(Permission.MANAGE_SYSTEM);
            return cairn.notifier().sendNow(channel, Notifications.test(channel, cairn.clock().instant()));
        });
    }

    /** {@code channel}'s configuration with every secret field that is set shown as {@link Redactor#MASK}. */
    public static Map<String, Object> maskedConfig(Channel channel) {
        Map<String, Object> masked = new LinkedHashMap<>(channel.config());
        masked.replaceAll((field, value) -> channel.kind().secret(field) && value != null && !value.toString().isEmpty()
                ? Redactor.MASK : value);
        return masked;
    }

    private Channel channel(UUID uuid, Input in, Channel current) {
        ChannelKind kind = ChannelKind.parse(in.kind());
        Map<String, Object> config = new LinkedHashMap<>(in.config());
        config.values().removeIf(value -> value == null || value.toString().isEmpty());
        config.replaceAll((field, value) -> kind.secret(field) && Redactor.MASK.equals(value)
                ? keptSecret(current, kind, field) : value);
        Set<Event> events = EnumSet.noneOf(Event.class);
        in.events().forEach(e -> events.add(Event.parse(e)));
        for (UUID job : in.jobs()) {
            if (cairn.catalog().jobs().find(job).isEmpty()) {
                throw new CairnException.InvalidInput("jobs: no job " + job);
            }
        }
        return new Channel(uuid, in.name(), in.summary(), kind, config, events, in.jobs(),
                in.missedAfter() == null ? null : Duration.ofSeconds(in.missedAfter()));
    }

    private static Object keptSecret(Channel current, ChannelKind kind, String field) {
        if (current == null || current.kind() != kind || current.config().get(field) == null) {
            throw new CairnException.InvalidInput("config." + field + " is the mask " + Redactor.MASK
                    + ", but there is no stored value to keep; send the secret itself");
        }
        return current.config().get(field);
    }
}
