package dev.cairn.core.access;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/**
 * The catalog's count of failed sign-ins per key ({@code address:…} or {@code user:…}), so that
 * every server on one catalog refuses the same guesser. Each failure is one atomic update of its
 * row, safe when two servers count at once. Times are milliseconds since the epoch.
 */
public final class SignInFailures {
    private final Jdbi jdbi;

    public SignInFailures(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** When {@code key}'s refusal ends, or empty when it is not refused at {@code now}. */
    public Optional<Instant> refusedUntil(String key, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT refused_until FROM sign_in_failures WHERE key = :key "
                        + "AND refused_until > :now")
                .bind("key", key).bind("now", now.toEpochMilli()).mapTo(Long.class).findOne().map(Instant::ofEpochMilli));
    }

    /**
     * Counts one failure of {@code key} at {@code now}: a window that passed (or a refusal that
     * ended) starts again from this failure; the {@code limit}-th failure within {@code window}
     * refuses the key until {@code window} after it. Failures while refused do not extend it.
     */
    public void failed(String key, Instant now, int limit, Duration window) {
        long at = now.toEpochMilli();
        long until = now.plus(window).toEpochMilli();
        long windowMillis = window.toMillis();
        jdbi.useHandle(h -> {
            h.createUpdate("INSERT INTO sign_in_failures (key, first_at, count, refused_until) VALUES (:key, :now, 0, NULL) "
                    + "ON CONFLICT (key) DO NOTHING").bind("key", key).bind("now", at).execute();
            String over = "((refused_until IS NULL AND first_at + :window <= :now) OR refused_until <= :now)";
            h.createUpdate("UPDATE sign_in_failures SET "
                            + "refused_until = CASE WHEN " + over + " THEN (CASE WHEN 1 >= :limit THEN :until ELSE NULL END) "
                            + "WHEN refused_until IS NULL AND count + 1 >= :limit THEN :until ELSE refused_until END, "
                            + "count = CASE WHEN " + over + " THEN 1 ELSE count + 1 END, "
                            + "first_at = CASE WHEN " + over + " THEN :now ELSE first_at END "
                            + "WHERE key = :key")
                    .bind("key", key).bind("now", at).bind("until", until).bind("window", windowMillis)
                    .bind("limit", limit).execute();
        });
    }

    /**
     * Forgets the keys that no longer count at {@code now} (window passed without a refusal, or
     * refusal ended), then the oldest beyond {@code keep}; returns how many rows are left.
     */
    public long prune(Instant now, Duration window, int keep) {
        long at = now.toEpochMilli();
        return jdbi.withHandle(h -> {
            h.createUpdate("DELETE FROM sign_in_failures WHERE (refused_until IS NULL AND first_at + :window <= :now) "
                    + "OR refused_until <= :now").bind("now", at).bind("window", window.toMillis()).execute();
            long rows = h.createQuery("SELECT count(*) FROM sign_in_failures").mapTo(Long.class).one();
            if (rows > keep) {
                h.createUpdate("DELETE FROM sign_in_failures WHERE key IN (SELECT key FROM sign_in_failures "
                        + "ORDER BY first_at LIMIT :excess)").bind("excess", rows - keep).execute();
                rows = keep;
            }
            return rows;
        });
    }

    /** How many keys are kept. */
    public long size() {
        return jdbi.withHandle(h -> h.createQuery("SELECT count(*) FROM sign_in_failures").mapTo(Long.class).one());
    }
}
