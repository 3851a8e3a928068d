package dev.cairn.core.sanitise;

import dev.cairn.core.CairnException;
import dev.cairn.core.keys.SecretBox;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/**
 * The catalog's sanitising rules: every saved version of each target's rules document (versions
 * count from 1 and are never rewritten), and each target's hash key, sealed with the catalog's
 * {@link SecretBox} and made on first use.
 */
public final class SanitiseRules {
    private static final int KEY_BYTES = 32;
    private static final RowMapper<RulesVersion> MAPPER = (rs, ctx) -> new RulesVersion(
            UUID.fromString(rs.getString("target_uuid")), rs.getInt("version"), rs.getString("document"),
            Instant.ofEpochSecond(rs.getLong("saved_at")), rs.getString("saved_by"));
    private final Jdbi jdbi;
    private final SecretBox box;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    public SanitiseRules(Jdbi jdbi, SecretBox box, Clock clock) {
        this.jdbi = jdbi;
        this.box = box;
        this.clock = clock;
    }

    /**
     * Saves {@code document} as the next version of {@code target}'s rules, after checking that it
     * reads (throws {@link CairnException.InvalidInput} naming what is wrong); {@code savedBy} is the
     * user's name. A concurrent save of the same target makes this one fail with a conflict.
     */
    public RulesVersion save(UUID target, String document, String savedBy) {
        Rules.parse(document);
        Instant now = clock.instant();
        try {
            return jdbi.inTransaction(h -> {
                int version = h.createQuery("SELECT COALESCE(MAX(version), 0) + 1 FROM sanitise_rules WHERE target_uuid = :target")
                        .bind("target", target.toString()).mapTo(Integer.class).one();
                h.createUpdate("INSERT INTO sanitise_rules (target_uuid, version, document, saved_at, saved_by) "
                                + "VALUES (:target, :version, :document, :at, :by)")
                        .bind("target", target.toString()).bind("version", version).bind("document", document)
                        .bind("at", now.getEpochSecond()).bind("by", savedBy == null ? "" : savedBy).execute();
                return new RulesVersion(target, version, document, Instant.ofEpochSecond(now.getEpochSecond()),
                        savedBy == null ? "" : savedBy);
            });
        } catch (UnableToExecuteStatementException e) {
            String message = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()).toLowerCase();
            if (message.contains("foreign key")) {
                throw new CairnException.NotFound("target", target);
            }
            if (message.contains("unique") || message.contains("duplicate") || message.contains("primary key")) {
                throw new CairnException.Conflict("the rules of target " + target + " were saved meanwhile; save again");
            }
            throw e;
        }
    }

    /** The newest version of {@code target}'s rules, if any was saved. */
    public Optional<RulesVersion> latest(UUID target) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sanitise_rules WHERE target_uuid = :target "
                        + "ORDER BY version DESC LIMIT 1")
                .bind("target", target.toString()).map(MAPPER).findOne());
    }

    /** Version {@code version} of {@code target}'s rules. */
    public Optional<RulesVersion> version(UUID target, int version) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sanitise_rules WHERE target_uuid = :target AND version = :version")
                .bind("target", target.toString()).bind("version", version).map(MAPPER).findOne());
    }

    /** Every version of {@code target}'s rules, newest first. */
    public List<RulesVersion> versions(UUID target) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM sanitise_rules WHERE target_uuid = :target ORDER BY version DESC")
                .bind("target", target.toString()).map(MAPPER).list());
    }

    /**
     * {@code target}'s hash key: 32 random bytes made on first use and kept sealed, the same on every
     * later call (two first calls at once agree on one).
     */
    public byte[] hashKey(UUID target) {
        return jdbi.inTransaction(h -> {
            byte[] fresh = new byte[KEY_BYTES];
            random.nextBytes(fresh);
            try {
                h.createUpdate("INSERT INTO sanitise_keys (target_uuid, sealed_key, created_at) VALUES (:target, :key, :at) "
                                + "ON CONFLICT (target_uuid) DO NOTHING")
                        .bind("target", target.toString()).bind("key", box.seal(Base64.getEncoder().encodeToString(fresh)))
                        .bind("at", clock.instant().getEpochSecond()).execute();
            } catch (UnableToExecuteStatementException e) {
                if (String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage()).toLowerCase()
                        .contains("foreign key")) {
                    throw new CairnException.NotFound("target", target);
                }
                throw e;
            }
            String sealed = h.createQuery("SELECT sealed_key FROM sanitise_keys WHERE target_uuid = :target")
                    .bind("target", target.toString()).mapTo(String.class).one();
            return Base64.getDecoder().decode(box.open(sealed));
        });
    }
}
