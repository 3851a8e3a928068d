package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The targets table. */
public final class Targets {
    private final Jdbi jdbi;
    private final EndpointCodec codec;
    private final RowMapper<Target> mapper;

    public Targets(Jdbi jdbi, EndpointCodec codec) {
        this.jdbi = jdbi;
        this.codec = codec;
        this.mapper = (rs, ctx) -> new Target(Rows.uuid(rs, "uuid"), rs.getString("name"), rs.getString("summary"),
                rs.getString("plugin"), codec.decode(rs.getString("plugin"), rs.getString("endpoint")), rs.getString("agent"),
                Rows.uuid(rs, "team_uuid"));
    }

    /** Targets using {@code plugin} (null: any) and used or not by a job, by name. */
    public List<Target> list(String plugin, Usage usage) {
        return list(plugin, usage, TeamScope.ALL);
    }

    /** Targets using {@code plugin} (null: any), used or not by a job, of the teams in {@code scope}, by name. */
    public List<Target> list(String plugin, Usage usage, TeamScope scope) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM targets WHERE (:plugin IS NULL OR plugin = :plugin)"
                        + usage.condition("target_uuid", "target_uuid") + scope.condition("team_uuid") + " ORDER BY name")
                .bind("plugin", plugin).map(mapper).list());
    }

    public Optional<Target> find(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM targets WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).map(mapper).findOne());
    }

    /** The target {@code uuid}, or {@link CairnException.NotFound}. */
    public Target get(UUID uuid) {
        return find(uuid).orElseThrow(() -> new CairnException.NotFound("target", uuid));
    }

    /** The team that owns target {@code uuid} (empty: none, or no such target). */
    public Optional<UUID> team(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT team_uuid FROM targets WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).mapTo(String.class).findOne()).map(UUID::fromString);
    }

    /** Saves a new target (with its team); a name another target has is a conflict. */
    public void insert(Target t) {
        jdbi.useTransaction(h -> Names.checkItem(h, "targets", "target", t.uuid(), t.name(), t.summary()));
        Names.saving("targets", "target", t.name(), () -> jdbi.withHandle(h -> h
                .createUpdate("INSERT INTO targets (uuid, name, summary, plugin, endpoint, agent, team_uuid) "
                        + "VALUES (:uuid, :name, :summary, :plugin, :endpoint, :agent, :team)")
                .bind("uuid", t.uuid().toString()).bind("name", t.name()).bind("summary", t.summary())
                .bind("plugin", t.plugin()).bind("endpoint", codec.encode(t.plugin(), t.endpoint()))
                .bind("agent", t.agent()).bind("team", Rows.text(t.team())).execute()));
    }

    /** Saves a target's fields and its team. */
    public void update(Target t) {
        jdbi.useTransaction(h -> Names.checkItem(h, "targets", "target", t.uuid(), t.name(), t.summary()));
        int rows = Names.saving("targets", "target", t.name(), () -> jdbi.withHandle(h -> h
                .createUpdate("UPDATE targets SET name = :name, summary = :summary, "
                        + "plugin = :plugin, endpoint = :endpoint, agent = :agent, team_uuid = :team WHERE uuid = :uuid")
                .bind("uuid", t.uuid().toString()).bind("name", t.name()).bind("summary", t.summary())
                .bind("plugin", t.plugin()).bind("endpoint", codec.encode(t.plugin(), t.endpoint()))
                .bind("agent", t.agent()).bind("team", Rows.text(t.team())).execute()));
        if (rows == 0) {
            throw new CairnException.NotFound("target", t.uuid());
        }
    }

    /** Deletes an unused target; one that a job or a stored archive still needs is a conflict. */
    public void delete(UUID uuid) {
        jdbi.useTransaction(h -> {
            Target target = h.createQuery("SELECT * FROM targets WHERE uuid = :uuid").bind("uuid", uuid.toString())
                    .map(mapper).findOne().orElseThrow(() -> new CairnException.NotFound("target", uuid));
            Rows.refuseIfReferenced(h, "SELECT name FROM jobs WHERE target_uuid = :uuid", uuid,
                    "target '" + target.name() + "' is used by job ");
            long archives = h.createQuery("SELECT COUNT(*) FROM archives WHERE target_uuid = :uuid AND status <> 'purged'")
                    .bind("uuid", uuid.toString()).mapTo(Long.class).one();
            if (archives > 0) {
                throw new CairnException.Conflict("target '" + target.name() + "' still has " + archives
                        + " archive(s); delete them first");
            }
            h.createUpdate("DELETE FROM targets WHERE uuid = :uuid").bind("uuid", uuid.toString()).execute();
        });
    }
}
