package dev.cairn.core.notify;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Conditions already told (a missed backup, an unhealthy store, an expiring archive): raising one
 * succeeds once, on one server, until it is cleared when the condition ends.
 */
final class Alarms {
    private final Jdbi jdbi;

    Alarms(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Raises {@code alarm} for {@code channel}; true only for the call that raised it. */
    boolean raise(String alarm, UUID channel, Instant at) {
        try {
            return jdbi.withHandle(h -> h.createUpdate("INSERT INTO notification_alarms (alarm, channel_uuid, raised_at) "
                            + "SELECT :alarm, :channel, :at WHERE NOT EXISTS (SELECT 1 FROM notification_alarms WHERE alarm = :alarm)")
                    .bind("alarm", alarm).bind("channel", channel.toString()).bind("at", at.getEpochSecond()).execute()) == 1;
        } catch (RuntimeException e) {
            // another server raised it between the check and the insert
            return false;
        }
    }

    /** Clears {@code alarm}: the condition ended, and its next start is told again. */
    void clear(String alarm) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM notification_alarms WHERE alarm = :alarm").bind("alarm", alarm).execute());
    }

    /** When {@code alarm} was raised, if it is. */
    java.util.Optional<Instant> raisedAt(String alarm) {
        return jdbi.withHandle(h -> h.createQuery("SELECT raised_at FROM notification_alarms WHERE alarm = :alarm")
                .bind("alarm", alarm).mapTo(Long.class).findOne().map(Instant::ofEpochSecond));
    }

    /** Every alarm raised whose name starts with {@code prefix}. */
    Set<String> raised(String prefix) {
        return Set.copyOf(jdbi.withHandle(h -> h.createQuery("SELECT alarm FROM notification_alarms WHERE alarm LIKE :prefix")
                .bind("prefix", prefix + "%").mapTo(String.class).list()));
    }
}
