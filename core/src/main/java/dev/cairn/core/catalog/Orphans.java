package dev.cairn.core.catalog;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The orphans table: objects waiting in their store for a purge that the store has not confirmed yet. */
public final class Orphans {
    private static final RowMapper<Orphan> MAPPER = (rs, ctx) -> new Orphan(Rows.uuid(rs, "store_uuid"),
            rs.getString("object_key"), Rows.uuid(rs, "task_uuid"), rs.getString("reason"), rs.getInt("attempts"),
            Rows.instant(rs, "found_at"), Rows.instant(rs, "last_try_at"));
    private final Jdbi jdbi;

    public Orphans(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Records that purging {@code key} from {@code store} failed at {@code now} for {@code reason}: a
     * new orphan, or one more failed attempt of a known one.
     */
    public void recordFailure(UUID store, String key, UUID task, String reason, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO orphans (store_uuid, object_key, task_uuid, reason, attempts, "
                        + "found_at, last_try_at) VALUES (:store, :key, :task, :reason, 1, :now, :now) "
                        + "ON CONFLICT (store_uuid, object_key) DO UPDATE SET reason = excluded.reason, "
                        + "attempts = orphans.attempts + 1, last_try_at = excluded.last_try_at")
                .bind("store", store.toString()).bind("key", key).bind("task", Rows.text(task))
                .bind("reason", reason).bind("now", Rows.seconds(now)).execute());
    }

    /** Every orphan, oldest first. */
    public List<Orphan> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM orphans ORDER BY found_at, store_uuid, object_key")
                .map(MAPPER).list());
    }

    /** Forgets the orphan {@code key} of {@code store}, once the store confirmed it is gone. */
    public void forget(UUID store, String key) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM orphans WHERE store_uuid = :store AND object_key = :key")
                .bind("store", store.toString()).bind("key", key).execute());
    }
}
