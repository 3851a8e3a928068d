package dev.cairn.core.stats;

import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.catalog.TeamScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * The tasks that ran in a recent window (the dashboard's last 24 hours), each as a span from its start
 * to its stop (to now while it runs), with what it was of: its job's name, else its target's.
 */
public final class TaskTimeline {
    /** The most spans one window shows; a busier window shows its latest. */
    public static final int MAX_SPANS = 500;
    private final Jdbi jdbi;
    private final Clock clock;

    public TaskTimeline(Jdbi jdbi, Clock clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /** A task's time on the timeline; {@code stop} is null while it runs. */
    public record Span(UUID task, String op, TaskStatus status, String what, Instant start, Instant stop) {
    }

    /** A window, from {@code from} to {@code to}, and the spans that overlap it, oldest start first. */
    public record Window(Instant from, Instant to, List<Span> spans) {
        public Window {
            spans = List.copyOf(spans);
        }
    }

    /** The tasks of the last {@code length} that {@code scope} may see. */
    public Window last(Duration length, TeamScope scope) {
        Instant to = clock.instant();
        Instant from = to.minus(length);
        List<Span> spans = jdbi.withHandle(h -> h.createQuery("SELECT t.uuid, t.op, t.status, t.started_at, t.stopped_at, "
                        + "COALESCE(j.name, g.name, '') AS what FROM tasks t LEFT JOIN jobs j ON j.uuid = t.job_uuid "
                        + "LEFT JOIN targets g ON g.uuid = t.target_uuid WHERE t.started_at IS NOT NULL "
                        + "AND t.started_at <= :to AND (t.stopped_at IS NULL OR t.stopped_at >= :from)"
                        + scope.condition("t.team_uuid") + " ORDER BY t.started_at DESC LIMIT " + MAX_SPANS)
                .bind("from", from.getEpochSecond()).bind("to", to.getEpochSecond())
                .map((rs, ctx) -> new Span(UUID.fromString(rs.getString("uuid")), rs.getString("op"),
                        TaskStatus.fromWire(rs.getString("status")), rs.getString("what"),
                        BackupHistory.instant(rs, "started_at"), BackupHistory.instant(rs, "stopped_at")))
                .list());
        return new Window(from, to, spans.reversed());
    }
}
