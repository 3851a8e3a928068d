package dev.cairn.core.access;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Names;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The teams table and its members (the memberships table). */
public final class Teams {
    private static final RowMapper<Team> MAPPER = (rs, ctx) -> new Team(UUID.fromString(rs.getString("uuid")),
            rs.getString("name"), rs.getString("summary"));
    private static final RowMapper<Membership> MEMBER = (rs, ctx) -> new Membership(
            UUID.fromString(rs.getString("user_uuid")), rs.getString("user_name"), UUID.fromString(rs.getString("team_uuid")),
            rs.getString("team_name"), Role.fromWire(rs.getString("role")), rs.getString("source"));
    private static final String MEMBERS = "SELECT m.user_uuid, u.name AS user_name, m.team_uuid, t.name AS team_name, "
            + "m.role, m.source FROM memberships m JOIN users u ON u.uuid = m.user_uuid JOIN teams t ON t.uuid = m.team_uuid ";
    private final Jdbi jdbi;

    public Teams(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Team> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM teams ORDER BY name").map(MAPPER).list());
    }

    public Optional<Team> find(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM teams WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).map(MAPPER).findOne());
    }

    public Optional<Team> findByName(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM teams WHERE name = :name")
                .bind("name", name).map(MAPPER).findOne());
    }

    public Team get(UUID uuid) {
        return find(uuid).orElseThrow(() -> new CairnException.NotFound("team", uuid));
    }

    public void insert(Team t) {
        check(t);
        Unique.saving("team", t.name(), () -> jdbi.useHandle(h -> h.createUpdate(
                        "INSERT INTO teams (uuid, name, summary) VALUES (:uuid, :name, :summary)")
                .bind("uuid", t.uuid().toString()).bind("name", t.name()).bind("summary", t.summary()).execute()));
    }

    public void update(Team t) {
        check(t);
        int[] rows = new int[1];
        Unique.saving("team", t.name(), () -> rows[0] = jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE teams SET name = :name, summary = :summary WHERE uuid = :uuid")
                .bind("uuid", t.uuid().toString()).bind("name", t.name()).bind("summary", t.summary()).execute()));
        if (rows[0] == 0) {
            throw new CairnException.NotFound("team", t.uuid());
        }
    }

    /** Deletes a team that owns no target (a conflict naming one otherwise), with its memberships. */
    public void delete(UUID uuid) {
        jdbi.useTransaction(h -> {
            Team team = h.createQuery("SELECT * FROM teams WHERE uuid = :uuid").bind("uuid", uuid.toString())
                    .map(MAPPER).findOne().orElseThrow(() -> new CairnException.NotFound("team", uuid));
            h.createQuery("SELECT name FROM targets WHERE team_uuid = :uuid ORDER BY name").bind("uuid", uuid.toString())
                    .mapTo(String.class).findFirst().ifPresent(target -> {
                        throw new CairnException.Conflict("team '" + team.name() + "' still owns target '" + target
                                + "'; move or delete its targets first");
                    });
            h.createUpdate("DELETE FROM memberships WHERE team_uuid = :uuid").bind("uuid", uuid.toString()).execute();
            h.createUpdate("DELETE FROM teams WHERE uuid = :uuid").bind("uuid", uuid.toString()).execute();
        });
    }

    /** The members of {@code team}, by user name. */
    public List<Membership> members(UUID team) {
        return jdbi.withHandle(h -> h.createQuery(MEMBERS + "WHERE m.team_uuid = :team ORDER BY u.name")
                .bind("team", team.toString()).map(MEMBER).list());
    }

    /** The teams {@code user} belongs to, by team name. */
    public List<Membership> memberships(UUID user) {
        return jdbi.withHandle(h -> h.createQuery(MEMBERS + "WHERE m.user_uuid = :user ORDER BY t.name")
                .bind("user", user.toString()).map(MEMBER).list());
    }

    /** Gives {@code user} {@code role} in {@code team}, replacing the role they had there. */
    public void setMember(UUID team, UUID user, Role role, String source) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM memberships WHERE team_uuid = :team AND user_uuid = :user")
                    .bind("team", team.toString()).bind("user", user.toString()).execute();
            h.createUpdate("INSERT INTO memberships (user_uuid, team_uuid, role, source) VALUES (:user, :team, :role, :source)")
                    .bind("team", team.toString()).bind("user", user.toString()).bind("role", role.wire())
                    .bind("source", source).execute();
        });
    }

    /** Removes {@code user} from {@code team}; one who is not a member is a 404. */
    public void removeMember(UUID team, UUID user) {
        int rows = jdbi.withHandle(h -> h.createUpdate("DELETE FROM memberships WHERE team_uuid = :team AND user_uuid = :user")
                .bind("team", team.toString()).bind("user", user.toString()).execute());
        if (rows == 0) {
            throw new CairnException.NotFound("member", user + " of team " + team);
        }
    }

    /** Replaces the memberships that came from {@code source} (a directory) with {@code roles}, in one transaction. */
    public void replaceMemberships(UUID user, String source, java.util.Map<UUID, Role> roles) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM memberships WHERE user_uuid = :user AND source = :source")
                    .bind("user", user.toString()).bind("source", source).execute();
            for (var entry : roles.entrySet()) {
                h.createUpdate("DELETE FROM memberships WHERE user_uuid = :user AND team_uuid = :team")
                        .bind("user", user.toString()).bind("team", entry.getKey().toString()).execute();
                h.createUpdate("INSERT INTO memberships (user_uuid, team_uuid, role, source) VALUES (:user, :team, :role, :source)")
                        .bind("user", user.toString()).bind("team", entry.getKey().toString())
                        .bind("role", entry.getValue().wire()).bind("source", source).execute();
            }
        });
    }

    private static void check(Team t) {
        if (t.name() == null || t.name().isBlank()) {
            throw CairnException.InvalidInput.missing(List.of("name"));
        }
        Names.checkName("name", t.name());
        Names.checkSummary("summary", t.summary());
    }
}
