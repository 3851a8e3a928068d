package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The jobs table, and the next firing time the scheduler keeps on each job. */
public final class Jobs {
    private static final RowMapper<Job> MAPPER = (rs, ctx) -> new Job(Rows.uuid(rs, "uuid"), rs.getString("name"),
            rs.getString("summary"), Rows.uuid(rs, "target_uuid"), Rows.uuid(rs, "store_uuid"),
            Rows.uuid(rs, "schedule_uuid"), Rows.uuid(rs, "retention_uuid"), rs.getInt("priority"),
            rs.getBoolean("paused"), Rows.instant(rs, "next_run"), List.of(), rs.getBoolean("verify"),
            variants(rs.getString("variants")));
    private final Jdbi jdbi;

    public Jobs(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    public List<Job> list(JobFilter f) {
        return list(f, TeamScope.ALL);
    }

    /** Jobs matching {@code f} whose target belongs to a team in {@code scope}, by name. */
    public List<Job> list(JobFilter f, TeamScope scope) {
        String teams = scope.all() ? "" : " AND target_uuid IN (SELECT uuid FROM targets WHERE 1 = 1"
                + scope.condition("team_uuid") + ")";
        List<Job> jobs = jdbi.withHandle(h -> h.createQuery("SELECT * FROM jobs WHERE 1 = 1" + teams + " AND "
                        + "(:target IS NULL OR target_uuid = :target) AND (:store IS NULL OR store_uuid = :store) "
                        + "AND (:schedule IS NULL OR schedule_uuid = :schedule) "
                        + "AND (:retention IS NULL OR retention_uuid = :retention) "
                        + "AND (:paused IS NULL OR paused = :paused) ORDER BY name")
                .bind("target", Rows.text(f.target())).bind("store", Rows.text(f.store()))
                .bind("schedule", Rows.text(f.schedule())).bind("retention", Rows.text(f.retention()))
                .bind("paused", f.paused()).map(MAPPER).list());
        Map<UUID, List<UUID>> copies = jobs.isEmpty() ? Map.of() : copies(null);
        return jobs.stream().map(job -> withCopies(job, copies)).toList();
    }

    /** The further stores of job {@code uuid}, or of every job when it is null, by job, in one query. */
    private Map<UUID, List<UUID>> copies(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT job_uuid, store_uuid FROM job_copies "
                        + "WHERE (:uuid IS NULL OR job_uuid = :uuid) ORDER BY job_uuid, store_uuid")
                .bind("uuid", Rows.text(uuid))
                .map((rs, ctx) -> Map.entry(Rows.uuid(rs, "job_uuid"), Rows.uuid(rs, "store_uuid")))
                .collect(Collectors.groupingBy(Map.Entry::getKey,
                        Collectors.mapping(Map.Entry::getValue, Collectors.toList()))));
    }

    private static Job withCopies(Job job, Map<UUID, List<UUID>> copiesByJob) {
        List<UUID> copies = copiesByJob.getOrDefault(job.uuid(), List.of());
        return copies.isEmpty() ? job : new Job(job.uuid(), job.name(), job.summary(), job.target(), job.store(),
                job.schedule(), job.retention(), job.priority(), job.paused(), job.nextRun(), copies, job.verify(),
                job.variants());
    }

    private static List<String> variants(String column) {
        return column == null || column.isBlank() ? List.of() : List.of(column.split(","));
    }

    private static void writeCopies(Handle h, Job j) {
        h.createUpdate("DELETE FROM job_copies WHERE job_uuid = :uuid").bind("uuid", j.uuid().toString()).execute();
        for (UUID store : j.copies()) {
            h.createUpdate("INSERT INTO job_copies (job_uuid, store_uuid) VALUES (:job, :store)")
                    .bind("job", j.uuid().toString()).bind("store", store.toString()).execute();
        }
    }

    public Optional<Job> find(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM jobs WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).map(MAPPER).findOne()).map(job -> withCopies(job, copies(uuid)));
    }

    public Job get(UUID uuid) {
        return find(uuid).orElseThrow(() -> new CairnException.NotFound("job", uuid));
    }

    public void insert(Job j) {
        Names.saving("jobs", "job", j.name(), () -> jdbi.inTransaction(h -> {
            Names.checkItem(h, "jobs", "job", j.uuid(), j.name(), j.summary());
            h.createUpdate("INSERT INTO jobs (uuid, name, summary, target_uuid, store_uuid, "
                            + "schedule_uuid, retention_uuid, priority, paused, verify, variants) VALUES (:uuid, :name, :summary, "
                            + ":target, :store, :schedule, :retention, :priority, :paused, :verify, :variants)")
                    .bind("uuid", j.uuid().toString()).bind("name", j.name()).bind("summary", j.summary())
                    .bind("target", j.target().toString()).bind("store", j.store().toString())
                    .bind("schedule", j.schedule().toString()).bind("retention", j.retention().toString())
                    .bind("priority", j.priority()).bind("paused", j.paused()).bind("verify", j.verify())
                    .bind("variants", String.join(",", j.variants())).execute();
            writeCopies(h, j);
            return null;
        }));
    }

    /** Updates what a job is made of; its firing time is planned again. Pausing is separate. */
    public void update(Job j) {
        Names.saving("jobs", "job", j.name(), () -> jdbi.inTransaction(h -> {
            Names.checkItem(h, "jobs", "job", j.uuid(), j.name(), j.summary());
            int rows = h.createUpdate("UPDATE jobs SET name = :name, summary = :summary, "
                            + "target_uuid = :target, store_uuid = :store, schedule_uuid = :schedule, "
                            + "retention_uuid = :retention, priority = :priority, verify = :verify, variants = :variants, next_run = NULL "
                            + "WHERE uuid = :uuid")
                    .bind("uuid", j.uuid().toString()).bind("name", j.name()).bind("summary", j.summary())
                    .bind("target", j.target().toString()).bind("store", j.store().toString())
                    .bind("schedule", j.schedule().toString()).bind("retention", j.retention().toString())
                    .bind("priority", j.priority()).bind("verify", j.verify())
                    .bind("variants", String.join(",", j.variants())).execute();
            if (rows == 0) {
                throw new CairnException.NotFound("job", j.uuid());
            }
            writeCopies(h, j);
            return null;
        }));
    }

    /** Pauses or unpauses a job; unpausing plans its next run afresh rather than catching up. */
    public void setPaused(UUID uuid, boolean paused) {
        int rows = jdbi.withHandle(h -> h.createUpdate("UPDATE jobs SET paused = :paused, next_run = NULL WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).bind("paused", paused).execute());
        if (rows == 0) {
            throw new CairnException.NotFound("job", uuid);
        }
    }

    /** Records when the scheduler fires {@code uuid} next. */
    public void setNextRun(UUID uuid, Instant nextRun) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE jobs SET next_run = :next WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).bind("next", Rows.seconds(nextRun)).execute());
    }

    public void delete(UUID uuid) {
        jdbi.useTransaction(h -> {
            h.createUpdate("DELETE FROM job_copies WHERE job_uuid = :uuid").bind("uuid", uuid.toString()).execute();
            int rows = h.createUpdate("DELETE FROM jobs WHERE uuid = :uuid").bind("uuid", uuid.toString()).execute();
            if (rows == 0) {
                throw new CairnException.NotFound("job", uuid);
            }
        });
    }
}
