package dev.cairn.server.web;

import dev.cairn.core.access.WebSessions;
import dev.cairn.core.access.WebSessions.WebSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web UI's sessions, kept in the catalog ({@link WebSessions}) so that every server on one
 * catalog honours a session made on any of them: random 256-bit ids, of which only the SHA-256 is
 * stored, each ending after {@link #IDLE} without a request. The last-seen time is written at most
 * once every {@link #SEEN_STEP}, so browsing is not a catalog write per page. A one-shot notice
 * (shown after a redirect) stays in this server's memory.
 */
final class Sessions {
    static final String COOKIE = "cairn_session";
    static final Duration IDLE = Duration.ofHours(8);
    static final Duration SEEN_STEP = Duration.ofMinutes(1);
    /** Sessions whose notices this server keeps at most; beyond, the ones seen longest ago go. */
    private static final int LOCAL_STATE = 10_000;
    private final WebSessions store;
    private final Map<String, Session> local = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    Sessions(WebSessions store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new session; sessions idle too long are dropped on the way. */
    Session open(UUID user, String via) {
        Instant now = clock.instant();
        store.deleteIdleSince(now.minus(IDLE));
        String id = randomToken();
        Session session = new Session(id, user, via, randomToken(), now);
        store.insert(new WebSession(hash(id), user, session.csrf(), via, now, now));
        remember(hash(id), session);
        return session;
    }

    /** The live session with {@code id}, marked as seen now. */
    Optional<Session> find(String id) {
        if (id == null || id.isEmpty() || id.length() > 100) {
            return Optional.empty();
        }
        String key = hash(id);
        Optional<WebSession> row = store.find(key);
        Instant now = clock.instant();
        if (row.isEmpty() || expired(row.get().lastSeen(), now)) {
            row.ifPresent(r -> store.delete(key));
            local.remove(key);
            return Optional.empty();
        }
        WebSession r = row.get();
        if (!now.isBefore(r.lastSeen().plus(SEEN_STEP))) {
            store.seen(key, now);
        }
        Session session = local.get(key);
        if (session == null || !session.user().equals(r.user())) {
            session = new Session(id, r.user(), r.via(), r.csrf(), now);
            remember(key, session);
        }
        session.seen(now);
        return Optional.of(session);
    }

    void close(Session session) {
        String key = hash(session.id());
        store.delete(key);
        local.remove(key);
    }

    private void remember(String key, Session session) {
        local.put(key, session);
        if (local.size() > LOCAL_STATE) {
            Instant now = clock.instant();
            local.values().removeIf(s -> expired(s.lastSeen(), now));
            while (local.size() > LOCAL_STATE) {
                local.entrySet().stream().min((a, b) -> a.getValue().lastSeen().compareTo(b.getValue().lastSeen()))
                        .ifPresent(oldest -> local.remove(oldest.getKey(), oldest.getValue()));
            }
        }
    }

    private static boolean expired(Instant lastSeen, Instant now) {
        return lastSeen.plus(IDLE).isBefore(now);
    }

    /** The SHA-256 of a cookie's value, hex: what the catalog keeps instead of the value. */
    static String hash(String id) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
