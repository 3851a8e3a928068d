package dev.cairn.server.web;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The web UI's sessions, in memory: random 256-bit ids, each ending after {@link #IDLE} without a
 * request. A restart logs everyone out, which is the safe default for an admin tool.
 */
final class Sessions {
    static final String COOKIE = "cairn_session";
    static final Duration IDLE = Duration.ofHours(8);
    private final Map<String, Session> byId = new ConcurrentHashMap<>();
    private final SecureRandom random = new SecureRandom();
    private final Clock clock;

    Sessions(Clock clock) {
        this.clock = clock;
    }

    /** A new session; expired ones are dropped on the way. */
    Session open(java.util.UUID user, String via) {
        var now = clock.instant();
        byId.values().removeIf(s -> expired(s, now));
        Session session = new Session(randomToken(), user, via, randomToken(), now);
        byId.put(session.id(), session);
        return session;
    }

    /** The live session with {@code id}, marked as seen now. */
    Optional<Session> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        Session session = byId.get(id);
        var now = clock.instant();
        if (session == null || expired(session, now)) {
            byId.remove(id);
            return Optional.empty();
        }
        session.seen(now);
        return Optional.of(session);
    }

    void close(Session session) {
        byId.remove(session.id());
    }

    private static boolean expired(Session session, Instant now) {
        return session.lastSeen().plus(IDLE).isBefore(now);
    }

    private String randomToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
