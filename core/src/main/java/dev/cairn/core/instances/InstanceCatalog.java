package dev.cairn.core.instances;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.TeamScope;
import dev.cairn.core.keys.SecretBox;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The instances table and the port pool: a port is taken by inserting its row into
 * {@code instance_ports} (the primary key refuses a port another server took, and the next one is
 * tried), never by looking first. Passwords are kept sealed.
 */
public final class InstanceCatalog {
    private final Jdbi jdbi;
    private final SecretBox secrets;
    private final RowMapper<Instance> mapper;

    public InstanceCatalog(Jdbi jdbi, SecretBox secrets) {
        this.jdbi = jdbi;
        this.secrets = secrets;
        this.mapper = (rs, ctx) -> new Instance(rs.getLong("id"), CatalogRows.uuid(rs, "uuid"), rs.getLong("image_id"),
                CatalogRows.uuid(rs, "team_uuid"), CatalogRows.uuid(rs, "owner_uuid"), rs.getString("owner_name"),
                rs.getString("server"), rs.getString("host"), rs.getInt("port"), rs.getString("user_name"),
                secrets.open(rs.getString("password")), rs.getString("database"),
                Instance.State.fromWire(rs.getString("state")), rs.getString("reason"), rs.getString("clone_backend"),
                rs.getBoolean("copy_on_write"), CatalogRows.instant(rs, "created_at"), CatalogRows.instant(rs, "updated_at"),
                CatalogRows.instant(rs, "expires_at"));
    }

    /** Saves {@code instance} (its id and port are ignored: port 0 until {@link #takePort}) under the next free id. */
    Instance insert(Instance i) {
        long id = CatalogRows.insertWithNextId(attempt -> jdbi.inTransaction(h -> {
            h.createUpdate("INSERT INTO instances (id, uuid, image_id, team_uuid, owner_uuid, owner_name, server, host, port, "
                            + "user_name, password, database, state, reason, clone_backend, copy_on_write, created_at, "
                            + "updated_at, expires_at) SELECT COALESCE(MAX(id), 0) + 1, :uuid, :image, :team, :owner, "
                            + ":ownerName, :server, :host, 0, :user, :password, :database, :state, :reason, :backend, :cow, "
                            + ":now, :now, :expires FROM instances")
                    .bind("uuid", i.uuid().toString()).bind("image", i.image()).bind("team", CatalogRows.text(i.team()))
                    .bind("owner", CatalogRows.text(i.owner())).bind("ownerName", i.ownerName()).bind("server", i.server())
                    .bind("host", i.host()).bind("user", i.user()).bind("password", secrets.seal(i.password()))
                    .bind("database", i.database()).bind("state", i.state().wire()).bind("reason", i.reason())
                    .bind("backend", i.cloneBackend()).bind("cow", i.copyOnWrite())
                    .bind("now", i.createdAt().getEpochSecond()).bind("expires", i.expiresAt().getEpochSecond()).execute();
            return h.createQuery("SELECT id FROM instances WHERE uuid = :uuid").bind("uuid", i.uuid().toString())
                    .mapTo(Long.class).one();
        }));
        return get(id);
    }

    /**
     * Takes a port of {@code first..last} for instance {@code id} of {@code server}: each candidate,
     * from a place that differs per instance, is inserted into the pool table; one another server holds is
     * refused by the table and the next is tried; one the table gives but {@code usable} says is busy on
     * this host (another program listens there) is given back. Records it on the instance.
     */
    int takePort(long id, String server, int first, int last, IntPredicate usable) {
        int size = last - first + 1;
        int start = (int) Math.floorMod(id * 7919L, size);
        for (int n = 0; n < size; n++) {
            int port = first + (start + n) % size;
            boolean taken;
            try {
                jdbi.useHandle(h -> h.createUpdate("INSERT INTO instance_ports (port, instance_id, server) VALUES (:port, :id, :server)")
                        .bind("port", port).bind("id", id).bind("server", server).execute());
                taken = true;
            } catch (RuntimeException e) {
                if (!CatalogRows.uniqueViolation(e)) {
                    throw e;
                }
                taken = false;
            }
            if (!taken) {
                continue;
            }
            if (!usable.test(port)) {
                freePort(port, id);
                continue;
            }
            jdbi.useHandle(h -> h.createUpdate("UPDATE instances SET port = :port WHERE id = :id")
                    .bind("port", port).bind("id", id).execute());
            return port;
        }
        throw new CairnException.Conflict("no port of the instance pool " + first + "-" + last + " is free");
    }

    /** Gives {@code port} back to the pool, if instance {@code id} holds it. */
    void freePort(int port, long id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM instance_ports WHERE port = :port AND instance_id = :id")
                .bind("port", port).bind("id", id).execute());
    }

    /** Gives back every port instance {@code id} holds. */
    void freeAllOf(long id) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM instance_ports WHERE instance_id = :id").bind("id", id).execute());
    }

    /** The pool port instance {@code id} holds, if any. */
    Optional<Integer> portOf(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT port FROM instance_ports WHERE instance_id = :id")
                .bind("id", id).mapTo(Integer.class).findFirst());
    }

    /** The pool rows of {@code server}: instance id (negative: an image build) by port. */
    java.util.Map<Integer, Long> portsOf(String server) {
        return jdbi.withHandle(h -> h.createQuery("SELECT port, instance_id FROM instance_ports WHERE server = :server")
                .bind("server", server).map((rs, ctx) -> java.util.Map.entry(rs.getInt("port"), rs.getLong("instance_id")))
                .collect(java.util.stream.Collectors.toMap(java.util.Map.Entry::getKey, java.util.Map.Entry::getValue)));
    }

    /** Whether instance {@code id} holds a port of the pool. */
    boolean holdsPort(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM instance_ports WHERE instance_id = :id")
                .bind("id", id).mapTo(Long.class).one()) > 0;
    }

    public Optional<Instance> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM instances WHERE id = :id").bind("id", id).map(mapper).findOne());
    }

    public Instance get(long id) {
        return find(id).orElseThrow(() -> new CairnException.NotFound("instance", id));
    }

    /** The instances of the teams in {@code scope}, newest first. */
    public List<Instance> list(TeamScope scope) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM instances WHERE 1 = 1" + scope.condition("team_uuid")
                + " ORDER BY id DESC").map(mapper).list());
    }

    /** The instances of image {@code image} that are not destroyed. */
    public List<Instance> ofImage(long image) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM instances WHERE image_id = :image AND state <> 'destroyed' "
                + "ORDER BY id").bind("image", image).map(mapper).list());
    }

    /** Every instance of image {@code image}, destroyed ones too. */
    List<Instance> allOfImage(long image) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM instances WHERE image_id = :image ORDER BY id")
                .bind("image", image).map(mapper).list());
    }

    /** The instances of {@code server} that are not destroyed. */
    List<Instance> onServer(String server) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM instances WHERE server = :server AND state <> 'destroyed' "
                + "ORDER BY id").bind("server", server).map(mapper).list());
    }

    /** The instances of {@code server}, not destroyed, whose time to live has passed at {@code now}. */
    List<Instance> expired(String server, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM instances WHERE server = :server AND state <> 'destroyed' "
                        + "AND expires_at <= :now ORDER BY expires_at").bind("server", server).bind("now", now.getEpochSecond())
                .map(mapper).list());
    }

    void state(long id, Instance.State state, String reason, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE instances SET state = :state, reason = :reason, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("state", state.wire()).bind("reason", reason == null ? "" : reason)
                .bind("now", now.getEpochSecond()).execute());
    }

    void running(long id, String database, String backend, boolean copyOnWrite, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE instances SET state = 'running', reason = '', database = :database, "
                        + "clone_backend = :backend, copy_on_write = :cow, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("database", database).bind("backend", backend).bind("cow", copyOnWrite)
                .bind("now", now.getEpochSecond()).execute());
    }

    void expiresAt(long id, Instant at, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE instances SET expires_at = :at, updated_at = :now WHERE id = :id")
                .bind("id", id).bind("at", at.getEpochSecond()).bind("now", now.getEpochSecond()).execute());
    }

    void delete(long id) {
        jdbi.useHandle(h -> {
            h.createUpdate("DELETE FROM instance_ports WHERE instance_id = :id").bind("id", id).execute();
            h.createUpdate("DELETE FROM instances WHERE id = :id").bind("id", id).execute();
        });
    }
}
