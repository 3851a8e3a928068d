package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/** The archives table. A row is written only once its object is safely in the store. */
public final class Archives {
    private static final RowMapper<Archive> MAPPER = (rs, ctx) -> new Archive(Rows.uuid(rs, "uuid"),
            Rows.uuid(rs, "target_uuid"), rs.getString("plugin"), Rows.uuid(rs, "store_uuid"), Rows.uuid(rs, "job_uuid"),
            rs.getString("store_key"), rs.getString("manifest_key"), Rows.instant(rs, "taken_at"),
            Rows.instant(rs, "expires_at"), rs.getString("notes"),
            Archive.Status.valueOf(rs.getString("status").toUpperCase()), rs.getLong("raw_size"),
            rs.getLong("stored_size"), rs.getString("sha256"), rs.getString("compression"), rs.getString("encryption"),
            Rows.uuid(rs, "team_uuid"), rs.getString("variant"), Rows.uuid(rs, "source_archive"), rs.getInt("rules_version"));
    private final Jdbi jdbi;

    public Archives(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** Archives matching {@code f}, newest first (to the millisecond they were taken). */
    public List<Archive> list(ArchiveFilter f) {
        return list(f, TeamScope.ALL);
    }

    /** Archives matching {@code f} of the teams in {@code scope}, newest first. */
    public List<Archive> list(ArchiveFilter f, TeamScope scope) {
        return jdbi.withHandle(h -> filtered(h.createQuery("SELECT * FROM archives WHERE " + where(f) + scope.condition("team_uuid")
                + " ORDER BY taken_at DESC, taken_ms DESC, uuid"), f).map(MAPPER).list());
    }

    /** The {@code size} archives matching {@code f} after the first {@code offset}, newest first, and how many match in all. */
    public Paged<Archive> page(ArchiveFilter f, int offset, int size) {
        return page(f, TeamScope.ALL, offset, size);
    }

    /** As {@link #page(ArchiveFilter, int, int)}, of the teams in {@code scope} only. */
    public Paged<Archive> page(ArchiveFilter f, TeamScope scope, int offset, int size) {
        String where = where(f) + scope.condition("team_uuid");
        return jdbi.inTransaction(h -> new Paged<>(
                filtered(h.createQuery("SELECT * FROM archives WHERE " + where
                        + " ORDER BY taken_at DESC, taken_ms DESC, uuid LIMIT :size OFFSET :offset"), f)
                        .bind("size", size).bind("offset", offset).map(MAPPER).list(),
                offset, filtered(h.createQuery("SELECT count(*) FROM archives WHERE " + where), f).mapTo(Long.class).one()));
    }

    private static String where(ArchiveFilter f) {
        return "(:target IS NULL OR target_uuid = :target) AND (:store IS NULL OR store_uuid = :store) "
                + "AND (:job IS NULL OR job_uuid = :job) "
                + "AND (:after IS NULL OR taken_at >= :after) AND (:before IS NULL OR taken_at < :before)"
                + (f.withPurged() ? "" : " AND status <> 'purged'");
    }

    private static Query filtered(Query query, ArchiveFilter f) {
        return query.bind("target", Rows.text(f.target())).bind("store", Rows.text(f.store())).bind("job", Rows.text(f.job()))
                .bind("after", Rows.seconds(f.after())).bind("before", Rows.seconds(f.before()));
    }

    public Optional<Archive> find(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM archives WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).map(MAPPER).findOne());
    }

    public Archive get(UUID uuid) {
        return find(uuid).orElseThrow(() -> new CairnException.NotFound("archive", uuid));
    }

    public void insert(Archive a) {
        jdbi.useHandle(h -> h.createUpdate("INSERT INTO archives (uuid, target_uuid, plugin, store_uuid, job_uuid, store_key, "
                        + "manifest_key, taken_at, taken_ms, expires_at, notes, status, raw_size, stored_size, sha256, compression, "
                        + "encryption, team_uuid, variant, source_archive, rules_version) VALUES (:uuid, :target, :plugin, :store, "
                        + ":job, :key, :manifest, :taken, :takenMs, :expires, :notes, :status, :raw, :stored, :sha, :compression, :encryption, "
                        + "COALESCE(:team, (SELECT team_uuid FROM targets WHERE uuid = :target)), :variant, :source, :rules)")
                .bind("uuid", a.uuid().toString()).bind("target", a.target().toString()).bind("plugin", a.plugin())
                .bind("store", a.store().toString()).bind("job", Rows.text(a.job())).bind("key", a.storeKey())
                .bind("manifest", a.manifestKey()).bind("taken", Rows.seconds(a.takenAt()))
                .bind("takenMs", a.takenAt().toEpochMilli())
                .bind("expires", Rows.seconds(a.expiresAt())).bind("notes", a.notes())
                .bind("status", a.status().wire()).bind("raw", a.rawSize()).bind("stored", a.storedSize())
                .bind("sha", a.sha256()).bind("compression", a.compression()).bind("encryption", a.encryption())
                .bind("team", Rows.text(a.team())).bind("variant", a.variant()).bind("source", Rows.text(a.sourceArchive()))
                .bind("rules", a.rulesVersion()).execute());
    }

    /**
     * The newest stored, valid, unexpired variant {@code variant} of target {@code target} taken before
     * {@code before} (null: any time).
     */
    public Optional<Archive> latestVariant(UUID target, String variant, Instant before, Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM archives WHERE target_uuid = :target AND variant = :variant "
                        + "AND status = 'valid' AND expires_at > :now AND (:before IS NULL OR taken_at < :before) "
                        + "ORDER BY taken_at DESC, taken_ms DESC, uuid LIMIT 1")
                .bind("target", target.toString()).bind("variant", variant).bind("now", now.getEpochSecond())
                .bind("before", Rows.seconds(before)).map(MAPPER).findOne());
    }

    /** The variants made of archive {@code source}, newest first. */
    public List<Archive> variantsOf(UUID source) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM archives WHERE source_archive = :source ORDER BY taken_at DESC, taken_ms DESC, uuid")
                .bind("source", source.toString()).map(MAPPER).list());
    }

    /** Whether an archive row points at the object {@code storeKey} in {@code store}. */
    public boolean recordsObject(UUID store, String storeKey) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM archives WHERE store_uuid = :store AND store_key = :key")
                .bind("store", store.toString()).bind("key", storeKey).mapTo(Long.class).one()) > 0;
    }

    public void setNotes(UUID uuid, String notes) {
        Names.checkNotes("notes", notes);
        int rows = jdbi.withHandle(h -> h.createUpdate("UPDATE archives SET notes = :notes WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).bind("notes", notes).execute());
        if (rows == 0) {
            throw new CairnException.NotFound("archive", uuid);
        }
    }

    /** Stored archives whose expiry has passed at {@code now}, oldest first. */
    public List<Archive> expired(Instant now) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM archives WHERE status <> 'purged' "
                        + "AND expires_at <= :now ORDER BY expires_at")
                .bind("now", now.getEpochSecond()).map(MAPPER).list());
    }

    /**
     * The stored archives of {@code target} made by jobs that keep theirs under retention policy
     * {@code retention}, newest first: what that policy's rules choose among.
     */
    public List<Archive> storedUnder(UUID retention, UUID target) {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.* FROM archives a JOIN jobs j ON j.uuid = a.job_uuid "
                        + "WHERE j.retention_uuid = :retention AND a.target_uuid = :target AND a.status <> 'purged' "
                        + "ORDER BY a.taken_at DESC, a.taken_ms DESC, a.uuid")
                .bind("retention", retention.toString()).bind("target", target.toString()).map(MAPPER).list());
    }

    /** Each target's newest valid archive (of any store): what an expiry warning is about. */
    public List<Archive> newestPerTarget() {
        return jdbi.withHandle(h -> h.createQuery("SELECT a.* FROM archives a WHERE a.status = 'valid' AND a.taken_at = "
                        + "(SELECT MAX(b.taken_at) FROM archives b WHERE b.target_uuid = a.target_uuid AND b.status = 'valid') "
                        + "ORDER BY a.target_uuid, a.uuid")
                .map(MAPPER).list());
    }

    /** Marks an archive purged: call only after the store confirmed its object is gone. */
    public void markPurged(UUID uuid) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE archives SET status = 'purged', purge_error = NULL WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).execute());
    }

    /**
     * Marks a stored archive damaged, remembering why: a verify, or a restore's check, found its
     * object damaged or another archive's. A purged archive stays purged.
     */
    public void markDamaged(UUID uuid, String why) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE archives SET status = 'damaged', damage = :why "
                        + "WHERE uuid = :uuid AND status <> 'purged'")
                .bind("uuid", uuid.toString()).bind("why", why).execute());
    }

    /** Marks a damaged archive valid again, after a verify of its object succeeded. */
    public void markVerified(UUID uuid) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE archives SET status = 'valid', damage = NULL "
                        + "WHERE uuid = :uuid AND status = 'damaged'")
                .bind("uuid", uuid.toString()).execute());
    }

    /** Why an archive was marked damaged; empty when it is not. */
    public Optional<String> damage(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT damage FROM archives WHERE uuid = :uuid AND status = 'damaged'")
                .bind("uuid", uuid.toString()).mapTo(String.class).findOne());
    }

    /** Remembers why the last purge attempt failed; the archive stays valid and is tried again. */
    public void recordPurgeError(UUID uuid, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE archives SET purge_error = :error WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).bind("error", error).execute());
    }
}
