package dev.cairn.core.stats;

import dev.cairn.core.catalog.TaskStatus;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Reads ended backup runs from the catalog's tasks, each joined with the archive it made. Only
 * the columns a statistic needs are read (never a task's log), so a query stays cheap on a long
 * history.
 */
public final class BackupHistory {
    private static final String ENDED = "t.op = 'backup' AND t.job_uuid IS NOT NULL AND t.status IN ('done', 'failed', 'canceled')";
    private static final String COLUMNS = "t.uuid, t.job_uuid, t.status, t.requested_at, t.started_at, t.stopped_at, "
            + "a.uuid AS archive_uuid, a.taken_at, a.raw_size, a.stored_size";
    private static final String FROM = " FROM tasks t LEFT JOIN archives a ON a.uuid = t.archive_uuid";
    private static final RowMapper<BackupRun> MAPPER = (rs, ctx) -> new BackupRun(uuid(rs, "uuid"), uuid(rs, "job_uuid"),
            TaskStatus.fromWire(rs.getString("status")), instant(rs, "requested_at"), instant(rs, "started_at"),
            instant(rs, "stopped_at"), uuid(rs, "archive_uuid"), instant(rs, "taken_at"), rs.getLong("raw_size"),
            rs.getLong("stored_size"));
    private final Jdbi jdbi;

    public BackupHistory(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** The last {@code count} ended runs of {@code job}, newest first. */
    public List<BackupRun> last(UUID job, int count) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + FROM + " WHERE " + ENDED
                        + " AND t.job_uuid = :job ORDER BY COALESCE(t.stopped_at, t.requested_at) DESC, t.started_at DESC, t.requested_at DESC, t.uuid LIMIT :count")
                .bind("job", job.toString()).bind("count", count).map(MAPPER).list());
    }

    /** The runs of {@code job} that ended at or after {@code from}, newest first. */
    public List<BackupRun> since(UUID job, Instant from) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + FROM + " WHERE " + ENDED
                        + " AND t.job_uuid = :job AND COALESCE(t.stopped_at, t.requested_at) >= :from "
                        + "ORDER BY COALESCE(t.stopped_at, t.requested_at) DESC, t.started_at DESC, t.requested_at DESC, t.uuid")
                .bind("job", job.toString()).bind("from", from.getEpochSecond()).map(MAPPER).list());
    }

    /** Each job's last ended run, by job uuid, in one query. */
    public Map<UUID, BackupRun> lastOfEachJob() {
        return latest(ENDED);
    }

    /** Each job's last successful run, by job uuid, in one query. */
    public Map<UUID, BackupRun> lastSuccessOfEachJob() {
        return latest("t.op = 'backup' AND t.job_uuid IS NOT NULL AND t.status = 'done'");
    }

    private Map<UUID, BackupRun> latest(String condition) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM (SELECT " + COLUMNS + ", ROW_NUMBER() OVER ("
                        + "PARTITION BY t.job_uuid ORDER BY COALESCE(t.stopped_at, t.requested_at) DESC, t.started_at DESC, t.requested_at DESC, t.uuid) AS n"
                        + FROM + " WHERE " + condition + ") latest WHERE n = 1")
                .map(MAPPER).stream().collect(Collectors.toMap(BackupRun::job, run -> run)));
    }

    static UUID uuid(ResultSet rs, String column) throws SQLException {
        String text = rs.getString(column);
        return text == null ? null : UUID.fromString(text);
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        long seconds = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochSecond(seconds);
    }
}
