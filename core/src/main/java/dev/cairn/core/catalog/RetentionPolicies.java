package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The retention table. */
public final class RetentionPolicies {
    private static final RowMapper<RetentionPolicy> MAPPER = (rs, ctx) -> new RetentionPolicy(Rows.uuid(rs, "uuid"),
            rs.getString("name"), rs.getString("summary"), rs.getLong("expiry"), new RetentionPolicy.Keep(rs.getInt("keep_daily"),
            rs.getInt("keep_weekly"), rs.getInt("keep_monthly"), rs.getInt("keep_yearly")));
    private final Jdbi jdbi;

    public RetentionPolicies(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<RetentionPolicy> list(Usage usage) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM retention WHERE 1 = 1"
                + usage.condition("retention_uuid") + " ORDER BY name").map(MAPPER).list());
    }

    public Optional<RetentionPolicy> find(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM retention WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).map(MAPPER).findOne());
    }

    public RetentionPolicy get(UUID uuid) {
        return find(uuid).orElseThrow(() -> new CairnException.NotFound("retention policy", uuid));
    }

    /** Saves a new policy; a name another policy has is a conflict. */
    public void insert(RetentionPolicy p) {
        jdbi.useTransaction(h -> Names.checkItem(h, "retention", "retention policy", p.uuid(), p.name(), p.summary()));
        Names.saving("retention", "retention policy", p.name(), () -> jdbi.withHandle(h -> h
                .createUpdate("INSERT INTO retention (uuid, name, summary, expiry, keep_daily, keep_weekly, "
                        + "keep_monthly, keep_yearly) VALUES (:uuid, :name, :summary, :expiry, :daily, :weekly, :monthly, :yearly)")
                .bind("uuid", p.uuid().toString()).bind("name", p.name()).bind("summary", p.summary())
                .bind("expiry", p.expires()).bind("daily", p.keep().daily()).bind("weekly", p.keep().weekly())
                .bind("monthly", p.keep().monthly()).bind("yearly", p.keep().yearly()).execute()));
    }

    public void update(RetentionPolicy p) {
        jdbi.useTransaction(h -> Names.checkItem(h, "retention", "retention policy", p.uuid(), p.name(), p.summary()));
        int rows = Names.saving("retention", "retention policy", p.name(), () -> jdbi.withHandle(h -> h
                .createUpdate("UPDATE retention SET name = :name, summary = :summary, "
                        + "expiry = :expiry, keep_daily = :daily, keep_weekly = :weekly, keep_monthly = :monthly, "
                        + "keep_yearly = :yearly WHERE uuid = :uuid")
                .bind("uuid", p.uuid().toString()).bind("name", p.name()).bind("summary", p.summary())
                .bind("expiry", p.expires()).bind("daily", p.keep().daily()).bind("weekly", p.keep().weekly())
                .bind("monthly", p.keep().monthly()).bind("yearly", p.keep().yearly()).execute()));
        if (rows == 0) {
            throw new CairnException.NotFound("retention policy", p.uuid());
        }
    }

    public void delete(UUID uuid) {
        jdbi.useTransaction(h -> {
            RetentionPolicy policy = h.createQuery("SELECT * FROM retention WHERE uuid = :uuid").bind("uuid", uuid.toString())
                    .map(MAPPER).findOne().orElseThrow(() -> new CairnException.NotFound("retention policy", uuid));
            Rows.refuseIfReferenced(h, "SELECT name FROM jobs WHERE retention_uuid = :uuid", uuid,
                    "retention policy '" + policy.name() + "' is used by job ");
            h.createUpdate("DELETE FROM retention WHERE uuid = :uuid").bind("uuid", uuid.toString()).execute();
        });
    }
}
