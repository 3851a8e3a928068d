package dev.cairn.core.access;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The web UI's sessions in the catalog, so that every server on one catalog honours a session
 * made on any of them. A row is keyed by the SHA-256 of the cookie's value, never the value
 * itself; deleting a user deletes their sessions. Times are seconds since the epoch.
 */
public final class WebSessions {
    private static final RowMapper<WebSession> MAPPER = (rs, ctx) -> new WebSession(rs.getString("id_hash"),
            UUID.fromString(rs.getString("user_uuid")), rs.getString("csrf"), rs.getString("via"),
            Instant.ofEpochSecond(rs.getLong("created_at")), Instant.ofEpochSecond(rs.getLong("last_seen")));
    private final Jdbi jdbi;

    public WebSessions(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** One session row: whose it is, its token against cross-site forms, how they signed in, and when. */
    public record WebSession(String idHash, UUID user, String csrf, String via, Instant createdAt, Instant lastSeen) {
    }

    public void insert(WebSession s) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO web_sessions (id_hash, user_uuid, csrf, via, created_at, last_seen) "
                        + "VALUES (:id, :user, :csrf, :via, :created, :seen)")
                .bind("id", s.idHash()).bind("user", s.user().toString()).bind("csrf", s.csrf()).bind("via", s.via())
                .bind("created", s.createdAt().getEpochSecond()).bind("seen", s.lastSeen().getEpochSecond()).execute());
    }

    public Optional<WebSession> find(String idHash) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM web_sessions WHERE id_hash = :id")
                .bind("id", idHash).map(MAPPER).findOne());
    }

    /** Marks session {@code idHash} as seen at {@code now}. */
    public void seen(String idHash, Instant now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE web_sessions SET last_seen = :seen WHERE id_hash = :id")
                .bind("id", idHash).bind("seen", now.getEpochSecond()).execute());
    }

    public void delete(String idHash) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM web_sessions WHERE id_hash = :id").bind("id", idHash).execute());
    }

    /** Deletes the sessions last seen before {@code cutoff}; returns how many. */
    public int deleteIdleSince(Instant cutoff) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM web_sessions WHERE last_seen < :cutoff")
                .bind("cutoff", cutoff.getEpochSecond()).execute());
    }
}
