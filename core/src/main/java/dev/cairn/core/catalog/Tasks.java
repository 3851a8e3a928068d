package dev.cairn.core.catalog;

import dev.cairn.core.CairnException;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The tasks table: the queue of pending work, what runs, and the history with logs. */
public final class Tasks {
    private static final RowMapper<Task> MAPPER = (rs, ctx) -> new Task(Rows.uuid(rs, "uuid"), rs.getString("owner"),
            Task.Op.valueOf(rs.getString("op").toUpperCase()), Rows.uuid(rs, "job_uuid"), Rows.uuid(rs, "archive_uuid"),
            Rows.uuid(rs, "target_uuid"), Rows.uuid(rs, "store_uuid"), TaskStatus.fromWire(rs.getString("status")),
            rs.getInt("priority"), Rows.instant(rs, "requested_at"), Rows.instant(rs, "started_at"),
            Rows.instant(rs, "stopped_at"), Rows.instant(rs, "scheduled_for"), rs.getString("log"),
            Rows.uuid(rs, "team_uuid"), rs.getString("owner_note"));
    private final Jdbi jdbi;

    public Tasks(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * Queues {@code task}; returns false when the schedule already fired its job for the same
     * time (the catalog's unique index decides, whichever server got there first).
     */
    public boolean insert(Task t) {
        return insert(t, null);
    }

    /** As {@link #insert(Task)}, for a sanitise task that makes variant {@code variant} (null for other tasks). */
    public boolean insert(Task t, String variant) {
        try {
            jdbi.useHandle(h -> h.createUpdate("INSERT INTO tasks (uuid, owner, op, job_uuid, archive_uuid, target_uuid, "
                            + "store_uuid, status, priority, requested_at, scheduled_for, log, team_uuid, owner_note, variant) VALUES (:uuid, "
                            + ":owner, :op, :job, :archive, :target, :store, :status, :priority, :requested, :scheduled, :log, "
                            + "COALESCE(:team, (SELECT team_uuid FROM targets WHERE uuid = :target)), :note, :variant)")
                    .bind("uuid", t.uuid().toString()).bind("owner", t.owner()).bind("op", t.op().wire())
                    .bind("job", Rows.text(t.job())).bind("archive", Rows.text(t.archive()))
                    .bind("target", t.target().toString()).bind("store", t.store().toString())
                    .bind("status", t.status().wire()).bind("priority", t.priority())
                    .bind("requested", Rows.seconds(t.requestedAt())).bind("scheduled", Rows.seconds(t.scheduledFor()))
                    .bind("log", t.log() == null ? "" : t.log())
                    .bind("team", Rows.text(t.team())).bind("note", t.ownerNote()).bind("variant", variant).execute());
            return true;
        } catch (RuntimeException e) {
            if (t.scheduledFor() != null && isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            String m = String.valueOf(c.getMessage());
            if (m.contains("UNIQUE") || m.contains("unique") || m.contains("duplicate key")) {
                return true;
            }
        }
        return false;
    }

    public List<Task> list(TaskStatus status, int limit) {
        return list(status, TeamScope.ALL, limit);
    }

    /** The newest {@code limit} tasks of {@code status} (all when null) of the teams in {@code scope}. */
    public List<Task> list(TaskStatus status, TeamScope scope, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM tasks WHERE (:status IS NULL OR status = :status) "
                        + scope.condition("team_uuid").trim() + " ORDER BY requested_at DESC, uuid LIMIT :limit")
                .bind("status", status == null ? null : status.wire()).bind("limit", limit).map(MAPPER).list());
    }

    /**
     * The {@code size} tasks of {@code status} and of {@code job} (any when null) after the first
     * {@code offset}, newest first, and how many there are.
     */
    public Paged<Task> page(TaskStatus status, UUID job, int offset, int size) {
        return page(status, job, TeamScope.ALL, offset, size);
    }

    /** As {@link #page(TaskStatus, UUID, int, int)}, of the teams in {@code scope} only. */
    public Paged<Task> page(TaskStatus status, UUID job, TeamScope scope, int offset, int size) {
        String where = " FROM tasks WHERE (:status IS NULL OR status = :status) AND (:job IS NULL OR job_uuid = :job)"
                + scope.condition("team_uuid");
        String wire = status == null ? null : status.wire();
        return jdbi.inTransaction(h -> new Paged<>(
                h.createQuery("SELECT *" + where + " ORDER BY requested_at DESC, uuid LIMIT :size OFFSET :offset")
                        .bind("status", wire).bind("job", Rows.text(job)).bind("size", size).bind("offset", offset)
                        .map(MAPPER).list(),
                offset, h.createQuery("SELECT count(*)" + where)
                        .bind("status", wire).bind("job", Rows.text(job)).mapTo(Long.class).one()));
    }

    /**
     * The backup task that made each of {@code archives}, by archive uuid; archives no task is known
     * for are left out. A task records the first archive it stored; its copies in other stores are
     * the archives of the same target taken at the same instant with the same bytes.
     */
    public Map<UUID, UUID> madeBy(Collection<UUID> archives) {
        if (archives.isEmpty()) {
            return Map.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT a.uuid AS archive, t.uuid AS task FROM archives a "
                        + "JOIN archives made ON made.target_uuid = a.target_uuid AND made.taken_at = a.taken_at "
                        + "AND made.sha256 = a.sha256 "
                        + "JOIN tasks t ON t.archive_uuid = made.uuid AND t.op = 'backup' WHERE a.uuid IN (<archives>)")
                .bindList("archives", archives.stream().map(UUID::toString).toList())
                .map((rs, ctx) -> Map.entry(Rows.uuid(rs, "archive"), Rows.uuid(rs, "task")))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (first, other) -> first)));
    }

    public Optional<Task> find(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM tasks WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).map(MAPPER).findOne());
    }

    public Task get(UUID uuid) {
        return find(uuid).orElseThrow(() -> new CairnException.NotFound("task", uuid));
    }

    /**
     * Claims the next pending task for {@code runner}: ad hoc before scheduled, then by priority
     * and age, skipping targets that already have a task running (an image or sanitise task only
     * reads an archive, so it neither waits for nor holds its target).
     */
    public Optional<Task> claimNext(String runner, Instant now) {
        List<String> candidates = jdbi.withHandle(h -> h.createQuery("SELECT uuid FROM tasks t WHERE status = 'pending' "
                        + "AND (t.op IN ('image', 'sanitise') OR NOT EXISTS (SELECT 1 FROM tasks r WHERE r.status = 'running' "
                        + "AND r.op NOT IN ('image', 'sanitise') AND r.target_uuid = t.target_uuid)) "
                        + "ORDER BY CASE WHEN scheduled_for IS NULL THEN 0 ELSE 1 END, priority, requested_at, uuid LIMIT 5")
                .mapTo(String.class).list());
        for (String uuid : candidates) {
            try {
                int rows = jdbi.withHandle(h -> h.createUpdate("UPDATE tasks SET status = 'running', started_at = :now, "
                                + "runner = :runner WHERE uuid = :uuid AND status = 'pending'")
                        .bind("uuid", uuid).bind("now", now.getEpochSecond()).bind("runner", runner).execute());
                if (rows == 1) {
                    return find(UUID.fromString(uuid));
                }
            } catch (RuntimeException e) {
                // another task of the same target started first, here or on another server sharing
                // the catalog: the unique index on running tasks per target refused this one
                if (!isUniqueViolation(e)) {
                    throw e;
                }
            }
        }
        return Optional.empty();
    }

    /** Appends text to a task's log. */
    public void appendLog(UUID uuid, String text) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE tasks SET log = log || :text WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).bind("text", text).execute());
    }

    /** Remembers the store name a running backup writes to, so a crash can be cleaned up. */
    public void setPendingName(UUID uuid, String name) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE tasks SET pending_name = :name WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).bind("name", name).execute());
    }

    /** The variant sanitise task {@code uuid} makes. */
    public Optional<String> variant(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT variant FROM tasks WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).mapTo(String.class).findOne());
    }

    public Optional<String> pendingName(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT pending_name FROM tasks WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).mapTo(String.class).findOne());
    }

    /** Ends a running or pending task with {@code status}; false when it had already ended. */
    public boolean finish(UUID uuid, TaskStatus status, Instant now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE tasks SET status = :status, stopped_at = :now "
                        + "WHERE uuid = :uuid AND status IN ('pending', 'running')")
                .bind("uuid", uuid.toString()).bind("status", status.wire()).bind("now", now.getEpochSecond())
                .execute()) == 1;
    }

    /**
     * Asks for a task to stop: a pending one ends as canceled at once (true); a running one is
     * flagged for the server running it, which stops it and cleans up (true); an ended one is left (false).
     */
    public boolean requestCancel(UUID uuid, Instant now) {
        return jdbi.inTransaction(h -> {
            int pending = h.createUpdate("UPDATE tasks SET status = 'canceled', stopped_at = :now "
                    + "WHERE uuid = :uuid AND status = 'pending'").bind("uuid", uuid.toString())
                    .bind("now", now.getEpochSecond()).execute();
            int running = h.createUpdate("UPDATE tasks SET cancel_requested = TRUE WHERE uuid = :uuid AND status = 'running'")
                    .bind("uuid", uuid.toString()).execute();
            return pending + running > 0;
        });
    }

    /** Whether someone asked for {@code uuid} to stop. */
    public boolean cancelRequested(UUID uuid) {
        return jdbi.withHandle(h -> h.createQuery("SELECT cancel_requested FROM tasks WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).mapTo(Boolean.class).findOne().orElse(false));
    }

    /** Links a backup task to the archive it made. */
    public void setArchive(UUID uuid, UUID archive) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE tasks SET archive_uuid = :archive WHERE uuid = :uuid")
                .bind("uuid", uuid.toString()).bind("archive", archive.toString()).execute());
    }

    /** Tasks left running by {@code runner} (all runners when null), e.g. after a crash. */
    public List<Task> running(String runner) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM tasks WHERE status = 'running' "
                        + "AND (:runner IS NULL OR runner = :runner)")
                .bind("runner", runner).map(MAPPER).list());
    }

    /** The last task of {@code job}, for its last run and status. */
    public Optional<Task> lastOfJob(UUID job) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM tasks WHERE job_uuid = :job AND op = 'backup' "
                        + "AND status <> 'pending' ORDER BY requested_at DESC LIMIT 1")
                .bind("job", job.toString()).map(MAPPER).findOne());
    }

    /** The last task of {@code job} that ended as {@code status}, such as its last success. */
    public Optional<Task> lastOfJob(UUID job, TaskStatus status) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM tasks WHERE job_uuid = :job AND op = 'backup' "
                        + "AND status = :status ORDER BY requested_at DESC LIMIT 1")
                .bind("job", job.toString()).bind("status", status.wire()).map(MAPPER).findOne());
    }

    public long count(TaskStatus status) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM tasks WHERE status = :status")
                .bind("status", status.wire()).mapTo(Long.class).one());
    }
}
