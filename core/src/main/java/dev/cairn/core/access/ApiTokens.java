package dev.cairn.core.access;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Names;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Personal API tokens: 256 random bits shown once ({@code cairn_…}); the catalog keeps only their
 * SHA-256, which is enough for secrets this long (no dictionary to search). The last-used time is
 * written at most once a minute per token, so that a busy client does not turn every read into a
 * catalog write.
 */
public final class ApiTokens {
    /** The token the server's {@code admin.token} (or {@code CAIRN_TOKEN}) is kept as. */
    public static final String ADMIN_TOKEN_NAME = "admin.token";
    private static final String PREFIX = "cairn_";
    private static final Duration LAST_USED_STEP = Duration.ofMinutes(1);
    private static final RowMapper<ApiToken> MAPPER = (rs, ctx) -> new ApiToken(UUID.fromString(rs.getString("uuid")),
            UUID.fromString(rs.getString("user_uuid")), rs.getString("name"), instant(rs, "created_at"),
            instant(rs, "expires_at"), instant(rs, "last_used_at"));
    private final Jdbi jdbi;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public ApiTokens(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A token just made: its listing, and its secret, which is never shown again. */
    public record Created(ApiToken token, String secret) {
    }

    /** A token's owner as found by its secret. */
    public record Match(ApiToken token, User user) {
    }

    /** Makes a token named {@code name} for {@code user}, ending at {@code expiresAt} (null: never). */
    public Created create(UUID user, String name, Instant expiresAt) {
        if (name == null || name.isBlank()) {
            throw CairnException.InvalidInput.missing(List.of("name"));
        }
        Names.checkName("name", name);
        Instant now = clock.instant();
        if (expiresAt != null && !expiresAt.isAfter(now)) {
            throw new CairnException.InvalidInput("expires_at must be in the future, got " + expiresAt);
        }
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken token = new ApiToken(UUID.randomUUID(), user, name, now, expiresAt, null);
        insert(token, hash(secret));
        return new Created(token, secret);
    }

    private void insert(ApiToken token, String hash) {
        Unique.saving("token", token.name(), () -> jdbi.useHandle(h -> h.createUpdate("INSERT INTO api_tokens (uuid, "
                        + "user_uuid, name, hash, created_at, expires_at) VALUES (:uuid, :user, :name, :hash, :created, :expires)")
                .bind("uuid", token.uuid().toString()).bind("user", token.user().toString()).bind("name", token.name())
                .bind("hash", hash).bind("created", token.createdAt().getEpochSecond())
                .bind("expires", token.expiresAt() == null ? null : token.expiresAt().getEpochSecond()).execute()));
    }

    /**
     * Keeps {@code secret} (the server's admin token) as {@code user}'s token {@value #ADMIN_TOKEN_NAME},
     * replacing the one kept before when it changed.
     */
    public void keepAdminToken(UUID user, String secret) {
        String hash = hash(secret);
        jdbi.useTransaction(h -> {
            boolean kept = h.createQuery("SELECT count(*) FROM api_tokens WHERE hash = :hash AND user_uuid = :user")
                    .bind("hash", hash).bind("user", user.toString()).mapTo(Long.class).one() > 0;
            if (!kept) {
                h.createUpdate("DELETE FROM api_tokens WHERE hash = :hash OR (user_uuid = :user AND name = :name)")
                        .bind("hash", hash).bind("user", user.toString()).bind("name", ADMIN_TOKEN_NAME).execute();
                h.createUpdate("INSERT INTO api_tokens (uuid, user_uuid, name, hash, created_at) "
                                + "VALUES (:uuid, :user, :name, :hash, :created)")
                        .bind("uuid", UUID.randomUUID().toString()).bind("user", user.toString())
                        .bind("name", ADMIN_TOKEN_NAME).bind("hash", hash)
                        .bind("created", clock.instant().getEpochSecond()).execute();
            }
        });
    }

    /** The unexpired token whose secret is {@code secret}, with its user; marks it used. */
    public Optional<Match> find(String secret) {
        if (secret == null || secret.isEmpty() || secret.length() > 512) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Optional<Match> match = jdbi.withHandle(h -> h.createQuery("SELECT t.uuid AS t_uuid, t.user_uuid, t.name AS t_name, "
                        + "t.created_at AS t_created, t.expires_at, t.last_used_at, u.* FROM api_tokens t "
                        + "JOIN users u ON u.uuid = t.user_uuid WHERE t.hash = :hash")
                .bind("hash", hash(secret))
                .map((rs, ctx) -> new Match(new ApiToken(UUID.fromString(rs.getString("t_uuid")),
                        UUID.fromString(rs.getString("user_uuid")), rs.getString("t_name"), instant(rs, "t_created"),
                        instant(rs, "expires_at"), instant(rs, "last_used_at")), Users.MAPPER.map(rs, ctx)))
                .findOne());
        match = match.filter(m -> !m.token().expired(now));
        match.ifPresent(m -> {
            Instant last = m.token().lastUsedAt();
            if (last == null || !now.isBefore(last.plus(LAST_USED_STEP))) {
                jdbi.useHandle(h -> h.createUpdate("UPDATE api_tokens SET last_used_at = :now WHERE uuid = :uuid")
                        .bind("now", now.getEpochSecond()).bind("uuid", m.token().uuid().toString()).execute());
            }
        });
        return match;
    }

    /** {@code user}'s tokens, by name. */
    public List<ApiToken> list(UUID user) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_tokens WHERE user_uuid = :user ORDER BY name")
                .bind("user", user.toString()).map(MAPPER).list());
    }

    /** {@code user}'s token {@code uuid}, or a 404 (another user's token is not found either). */
    public ApiToken get(UUID user, UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM api_tokens WHERE uuid = :uuid AND user_uuid = :user")
                .bind("uuid", uuid.toString()).bind("user", user.toString()).map(MAPPER).findOne())
                .orElseThrow(() -> new CairnException.NotFound("token", uuid));
    }

    /** Revokes {@code user}'s token {@code uuid}: it stops working at once. */
    public void revoke(UUID user, UUID uuid) {
        int rows = jdbi.withHandle(h -> h.createUpdate("DELETE FROM api_tokens WHERE uuid = :uuid AND user_uuid = :user")
                .bind("uuid", uuid.toString()).bind("user", user.toString()).execute());
        if (rows == 0) {
            throw new CairnException.NotFound("token", uuid);
        }
    }

    /** Whether {@code secret} has the shape of a personal token (so a Basic password is not tried as one). */
    public static boolean looksLikeToken(String secret) {
        return secret != null && secret.startsWith(PREFIX);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        long seconds = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(seconds);
    }
}
