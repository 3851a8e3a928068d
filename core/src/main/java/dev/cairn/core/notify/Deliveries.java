package dev.cairn.core.notify;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/** The record of deliveries, the newest few hundred per channel kept. */
public final class Deliveries {
    private static final int KEPT = 500;
    private final Jdbi jdbi;

    public Deliveries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    void record(Delivery d) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO notification_deliveries (uuid, channel_uuid, event, subject, sent_at, status, attempts, error) "
                            + "VALUES (:uuid, :channel, :event, :subject, :at, :status, :attempts, :error)")
                    .bind("uuid", d.uuid().toString()).bind("channel", d.channel().toString()).bind("event", d.event().wire())
                    .bind("subject", d.subject()).bind("at", d.at().getEpochSecond()).bind("status", d.sent() ? "sent" : "failed")
                    .bind("attempts", d.attempts()).bind("error", d.error()).execute();
            h.createUpdate("DELETE FROM notification_deliveries WHERE channel_uuid = :channel AND uuid NOT IN "
                            + "(SELECT uuid FROM notification_deliveries WHERE channel_uuid = :channel "
                            + "ORDER BY sent_at DESC LIMIT " + KEPT + ")")
                    .bind("channel", d.channel().toString()).execute();
        });
    }

    /** The last {@code limit} deliveries to {@code channel}, newest first. */
    public List<Delivery> of(UUID channel, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM notification_deliveries WHERE channel_uuid = :channel "
                        + "ORDER BY sent_at DESC, uuid LIMIT :limit")
                .bind("channel", channel.toString()).bind("limit", limit)
                .map((rs, ctx) -> new Delivery(UUID.fromString(rs.getString("uuid")), channel,
                        rs.getString("event").equals("test") ? Event.TEST : Event.parse(rs.getString("event")),
                        rs.getString("subject"), Instant.ofEpochSecond(rs.getLong("sent_at")),
                        rs.getString("status").equals("sent"), rs.getInt("attempts"), rs.getString("error"))).list());
    }
}
