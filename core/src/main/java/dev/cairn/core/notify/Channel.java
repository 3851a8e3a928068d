package dev.cairn.core.notify;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Names;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Where notifications go, and the rule saying which: the {@code events} sent here, limited to the
 * jobs in {@code jobs} for job events (empty: every job); {@code missedAfter} is how long a job may
 * go without a good backup before a missed-backup is told (null: once its schedule's next run
 * after the last good backup is an hour late). {@code config} holds the kind's fields, secrets in
 * the clear: only the catalog (sealed) and the senders see it.
 */
public record Channel(UUID uuid, String name, String summary, ChannelKind kind, Map<String, Object> config,
                      Set<Event> events, List<UUID> jobs, Duration missedAfter) {
    /** How late a scheduled run may be before a missed backup is told, when the channel sets no threshold. */
    public static final Duration DEFAULT_LATENESS = Duration.ofHours(1);

    public Channel {
        Names.checkName("name", name);
        if (name == null || name.isBlank()) {
            throw CairnException.InvalidInput.missing(List.of("name"));
        }
        summary = summary == null ? "" : summary;
        Names.checkSummary("summary", summary);
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        kind.check(config);
        if (events == null || events.isEmpty()) {
            throw new CairnException.InvalidInput("events must name at least one event", List.of("events"));
        }
        events = Set.copyOf(EnumSet.copyOf(events));
        jobs = jobs == null ? List.of() : List.copyOf(jobs);
        if (missedAfter != null && missedAfter.toSeconds() < 60) {
            throw new CairnException.InvalidInput("missed_after must be at least 60 seconds, got " + missedAfter.toSeconds());
        }
    }

    /** Whether {@code n} goes to this channel: its event is one of ours, and its job, if any, passes the job filter. */
    public boolean wants(Notification n) {
        return (n.event() == Event.TEST || events.contains(n.event())) && (n.job() == null || jobs.isEmpty() || jobs.contains(n.job()));
    }

    /** The configuration value of {@code field} as text, or {@code fallback} when unset. */
    String text(String field, String fallback) {
        Object value = config.get(field);
        return value == null || value.toString().isBlank() ? fallback : value.toString();
    }
}
