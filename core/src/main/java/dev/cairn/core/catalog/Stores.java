package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The stores table. */
public final class Stores {
    private final Jdbi jdbi;
    private final EndpointCodec codec;
    private final RowMapper<Store> mapper;

    public Stores(Jdbi jdbi, EndpointCodec codec) {
        this.jdbi = jdbi;
        this.codec = codec;
        this.mapper = (rs, ctx) -> new Store(Rows.uuid(rs, "uuid"), rs.getString("name"), rs.getString("summary"),
                rs.getString("plugin"), codec.decode(rs.getString("plugin"), rs.getString("endpoint")));
    }

    public List<Store> list(String plugin, Usage usage) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM stores WHERE (:plugin IS NULL OR plugin = :plugin)"
                        + usage.condition("store_uuid", "store_uuid",
                        "uuid IN (SELECT store_uuid FROM job_copies)") + " ORDER BY name")
                .bind("plugin", plugin).map(mapper).list());
    }

    public Optional<Store> find(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM stores WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).map(mapper).findOne());
    }

    public Store get(UUID uuid) {
        return find(uuid).orElseThrow(() -> new CairnException.NotFound("store", uuid));
    }

    /** Saves a new store; a name another store has is a conflict. */
    public void insert(Store s) {
        jdbi.useTransaction(h -> Names.checkItem(h, "stores", "store", s.uuid(), s.name(), s.summary()));
        Names.saving("stores", "store", s.name(), () -> jdbi.withHandle(h -> h
                .createUpdate("INSERT INTO stores (uuid, name, summary, plugin, endpoint) "
                        + "VALUES (:uuid, :name, :summary, :plugin, :endpoint)")
                .bind("uuid", s.uuid().toString()).bind("name", s.name()).bind("summary", s.summary())
                .bind("plugin", s.plugin()).bind("endpoint", codec.encode(s.plugin(), s.endpoint())).execute()));
    }

    public void update(Store s) {
        jdbi.useTransaction(h -> Names.checkItem(h, "stores", "store", s.uuid(), s.name(), s.summary()));
        int rows = Names.saving("stores", "store", s.name(), () -> jdbi.withHandle(h -> h
                .createUpdate("UPDATE stores SET name = :name, summary = :summary, "
                        + "plugin = :plugin, endpoint = :endpoint WHERE uuid = :uuid")
                .bind("uuid", s.uuid().toString()).bind("name", s.name()).bind("summary", s.summary())
                .bind("plugin", s.plugin()).bind("endpoint", codec.encode(s.plugin(), s.endpoint())).execute()));
        if (rows == 0) {
            throw new CairnException.NotFound("store", s.uuid());
        }
    }

    /** Records the outcome of a self-test of store {@code uuid}. */
    public void recordHealth(UUID uuid, boolean healthy, String error, Instant checkedAt) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE stores SET healthy = :healthy, health_error = :error, "
                        + "health_checked_at = :at WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).bind("healthy", healthy).bind("error", error)
                .bind("at", Rows.seconds(checkedAt)).execute());
    }

    /** Each store's last self-test and what it holds, by store uuid. */
    public Map<UUID, StoreHealth> health() {
        return healthOf(null);
    }

    /** Store {@code uuid}'s last self-test and what it holds. */
    public StoreHealth health(UUID uuid) {
        return healthOf(uuid.toString()).getOrDefault(uuid, StoreHealth.UNKNOWN);
    }

    /** The health of store {@code uuid}, or of every store when it is null, in one query. */
    private Map<UUID, StoreHealth> healthOf(String uuid) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT s.uuid, s.healthy, s.health_error, s.health_checked_at, COUNT(a.uuid) AS archives, "
                        + "COALESCE(SUM(a.stored_size), 0) AS bytes_used, "
                        + "(SELECT COUNT(*) FROM orphans o WHERE o.store_uuid = s.uuid) AS orphans FROM stores s LEFT JOIN archives a "
                        + "ON a.store_uuid = s.uuid AND a.status <> 'purged' WHERE (:uuid IS NULL OR s.uuid = :uuid) "
                        + "GROUP BY s.uuid, s.healthy, s.health_error, s.health_checked_at")
                .bind("uuid", uuid)
                .map((rs, ctx) -> {
                    boolean healthy = rs.getBoolean("healthy");
                    Boolean known = rs.wasNull() ? null : healthy;
                    return Map.entry(Rows.uuid(rs, "uuid"), new StoreHealth(known, rs.getString("health_error"),
                            Rows.instant(rs, "health_checked_at"), rs.getLong("archives"), rs.getLong("bytes_used"),
                            rs.getLong("orphans")));
                })
                .collectToMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    /** Deletes a store no job uses and that holds no archive, forgetting the orphans left in it. */
    public void delete(UUID uuid) {
        jdbi.useTransaction(h -> {
            Store store = h.createQuery("SELECT * FROM stores WHERE uuid = :uuid").bind("uuid", uuid.toString())
                    .map(mapper).findOne().orElseThrow(() -> new CairnException.NotFound("store", uuid));
            Rows.refuseIfReferenced(h, "SELECT name FROM jobs WHERE store_uuid = :uuid", uuid,
                    "store '" + store.name() + "' is used by job ");
            Rows.refuseIfReferenced(h, "SELECT j.name FROM jobs j JOIN job_copies c ON c.job_uuid = j.uuid "
                    + "WHERE c.store_uuid = :uuid", uuid, "store '" + store.name() + "' keeps copies for job ");
            long archives = h.createQuery("SELECT COUNT(*) FROM archives WHERE store_uuid = :uuid AND status <> 'purged'")
                    .bind("uuid", uuid.toString()).mapTo(Long.class).one();
            if (archives > 0) {
                throw new CairnException.Conflict("store '" + store.name() + "' still holds " + archives
                        + " archive(s); delete them first");
            }
            h.createUpdate("DELETE FROM archives WHERE store_uuid = :uuid").bind("uuid", uuid.toString()).execute();
            // what failed backups left in it is the operator's now: Cairn no longer reaches the store
            h.createUpdate("DELETE FROM orphans WHERE store_uuid = :uuid").bind("uuid", uuid.toString()).execute();
            h.createUpdate("DELETE FROM stores WHERE uuid = :uuid").bind("uuid", uuid.toString()).execute();
        });
    }
}
