package dev.cairn.core.access;

import dev.cairn.core.catalog.Paged;
import dev.cairn.core.catalog.TeamScope;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The append-only audit log. Rows are only ever inserted: nothing in Cairn updates or deletes
 * them. Text is cut to a bounded length so that no request can grow a row without end.
 */
public final class AuditLog {
    private static final int MAX_TEXT = 1000;
    private static final RowMapper<AuditEntry> MAPPER = (rs, ctx) -> new AuditEntry(UUID.fromString(rs.getString("uuid")),
            Instant.ofEpochMilli(rs.getLong("at_ms")), uuid(rs.getString("user_uuid")), rs.getString("user_name"),
            rs.getString("address"), rs.getString("action"), rs.getString("object_kind"), uuid(rs.getString("object_uuid")),
            rs.getString("object_name"), uuid(rs.getString("team_uuid")),
            AuditEntry.Outcome.fromWire(rs.getString("outcome")), rs.getString("detail"));
    private final Jdbi jdbi;
    private final Clock clock;

    public AuditLog(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** What one action did, before it is written: everything of a row but its uuid and time. */
    public record Event(UUID user, String userName, String address, String action, String objectKind, UUID objectUuid,
                        String objectName, UUID team, AuditEntry.Outcome outcome, String detail) {
    }

    /** Appends {@code event}, stamped now, and returns the row as written. */
    public AuditEntry append(Event e) {
        AuditEntry entry = new AuditEntry(UUID.randomUUID(), clock.instant(), e.user(), cut(e.userName()), cut(e.address()),
                cut(e.action()), cut(e.objectKind()), e.objectUuid(), cut(e.objectName()), e.team(), e.outcome(), cut(e.detail()));
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO audit (uuid, at_ms, user_uuid, user_name, address, action, "
                        + "object_kind, object_uuid, object_name, team_uuid, outcome, detail) VALUES (:uuid, :at, :user, "
                        + ":userName, :address, :action, :kind, :object, :objectName, :team, :outcome, :detail)")
                .bind("uuid", entry.uuid().toString()).bind("at", entry.at().toEpochMilli())
                .bind("user", text(entry.user())).bind("userName", entry.userName()).bind("address", entry.address())
                .bind("action", entry.action()).bind("kind", entry.objectKind()).bind("object", text(entry.objectUuid()))
                .bind("objectName", entry.objectName()).bind("team", text(entry.team()))
                .bind("outcome", entry.outcome().wire()).bind("detail", entry.detail()).execute());
        return entry;
    }

    /**
     * The {@code size} rows matching {@code f} after the first {@code offset}, newest first, with how
     * many match; of the teams in {@code scope}, plus {@code alsoUser}'s own rows (null: none).
     */
    public Paged<AuditEntry> page(AuditFilter f, TeamScope scope, UUID alsoUser, int offset, int size) {
        String where = where(f, scope, alsoUser);
        return jdbi.inTransaction(h -> new Paged<>(
                bind(h.createQuery("SELECT * FROM audit WHERE " + where + " ORDER BY at_ms DESC, uuid LIMIT :size OFFSET :offset"),
                        f, alsoUser).bind("size", size).bind("offset", offset).map(MAPPER).list(),
                offset, bind(h.createQuery("SELECT count(*) FROM audit WHERE " + where), f, alsoUser).mapTo(Long.class).one()));
    }

    private static String where(AuditFilter f, TeamScope scope, UUID alsoUser) {
        String visible = scope.all() ? "" : " AND (1 = 1" + scope.condition("team_uuid")
                + (alsoUser == null ? "" : " OR user_uuid = :self") + ")";
        return "(:user IS NULL OR user_uuid = :user) AND (:team IS NULL OR team_uuid = :team) "
                + "AND (:action IS NULL OR action = :action OR (:prefix IS NOT NULL AND substr(action, 1, length(:prefix)) = :prefix)) "
                + "AND (:object IS NULL OR object_uuid = :object) "
                + "AND (:after IS NULL OR at_ms >= :after) AND (:before IS NULL OR at_ms < :before)" + visible;
    }

    private static Query bind(Query q, AuditFilter f, UUID alsoUser) {
        String prefix = f.action() != null && f.action().endsWith(".") ? f.action() : null;
        q.bind("user", text(f.user())).bind("team", text(f.team())).bind("action", f.action()).bind("prefix", prefix)
                .bind("object", text(f.object()))
                .bind("after", f.after() == null ? null : f.after().toEpochMilli())
                .bind("before", f.before() == null ? null : f.before().toEpochMilli());
        if (alsoUser != null) {
            q.bind("self", alsoUser.toString());
        }
        return q;
    }

    private static String cut(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= MAX_TEXT ? text : text.substring(0, MAX_TEXT) + "…";
    }

    private static String text(UUID uuid) {
        return uuid == null ? null : uuid.toString();
    }

    private static UUID uuid(String text) {
        return text == null ? null : UUID.fromString(text);
    }
}
