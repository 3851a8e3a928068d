package dev.cairn.core.catalog;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The agents table: one row per agent name, rewritten on each of its polls. */
public final class Agents {
    private static final RowMapper<Agent> MAPPER = (rs, ctx) -> new Agent(rs.getString("name"),
            Arrays.stream(rs.getString("plugins").split(",")).filter(p -> !p.isBlank()).toList(),
            rs.getString("version"), Rows.instant(rs, "last_seen"));
    private final Jdbi jdbi;

    public Agents(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Records {@code agent}, replacing what was known of an agent of that name. */
    public void save(Agent agent) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO agents (name, plugins, version, last_seen) "
                        + "VALUES (:name, :plugins, :version, :seen) ON CONFLICT (name) DO UPDATE SET "
                        + "plugins = excluded.plugins, version = excluded.version, last_seen = excluded.last_seen")
                .bind("name", agent.name()).bind("plugins", String.join(",", agent.plugins()))
                .bind("version", agent.version()).bind("seen", Rows.seconds(agent.lastSeen())).execute());
    }

    public List<Agent> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM agents ORDER BY name").map(MAPPER).list());
    }

    public Optional<Agent> find(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM agents WHERE name = :name")
                .bind("name", name).map(MAPPER).findOne());
    }
}
