package dev.cairn.core.notify;

import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.JobFilter;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.StoreHealth;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.catalog.Usage;
import dev.cairn.core.plugins.PluginRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the catalog for conditions nobody's action reports — a job with no good backup for too
 * long, a store that failed its self-test, a target's newest archive about to expire — on a timer of
 * its own, apart from the scheduler, so that a stopped scheduler is noticed too. Each condition is
 * told once per channel (an alarm in the catalog, raised on one server) and told again only after
 * it ended and came back.
 */
public final class NotificationWatch implements AutoCloseable {
    /** How long before an archive expires that its target's channels are told. */
    public static final Duration EXPIRY_WARNING = Duration.ofDays(1);
    /** How long before a throw-away instance expires that channels are told. */
    public static final Duration INSTANCE_WARNING = Duration.ofHours(1);
    private static final Logger LOG = LoggerFactory.getLogger(NotificationWatch.class);
    private final Repositories catalog;
    private final Notifier notifier;
    private final Alarms alarms;
    private final SecretMask mask;
    private final Clock clock;
    private volatile Supplier<List<InstanceLease>> leases = List::of;
    private ScheduledExecutorService timer;

    /** A running throw-away instance and when it expires: what the instances code tells the watch of. */
    public record InstanceLease(UUID uuid, String name, String owner, Instant expiresAt) {
    }

    public NotificationWatch(Repositories catalog, PluginRegistry plugins, Notifier notifier, Jdbi jdbi, Clock clock) {
        this.catalog = catalog;
        this.notifier = notifier;
        this.alarms = new Alarms(jdbi);
        this.mask = new SecretMask(catalog, plugins);
        this.clock = clock;
    }

    /** Where the watch reads the running instances from, to tell of those about to expire (the instances code sets it). */
    public void watchInstances(Supplier<List<InstanceLease>> source) {
        this.leases = source;
    }

    /** Checks every {@code every} (by the wall clock; each check reads the injected clock), from one period on. */
    public synchronized void start(Duration every) {
        if (timer != null) {
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("notification-watch").factory());
        timer.scheduleWithFixedDelay(() -> {
            try {
                check(clock.instant());
            } catch (RuntimeException e) {
                LOG.warn("notification watch: {}", e.getMessage());
            }
        }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Checks every condition at {@code now} and tells the channels of those that just began; returns how many were told. */
    public int check(Instant now) {
        int told = 0;
        for (Channel channel : notifier.channels().list()) {
            if (channel.events().contains(Event.MISSED_BACKUP)) {
                told += missedBackups(channel, now);
            }
            if (channel.events().contains(Event.STORE_UNHEALTHY)) {
                told += unhealthyStores(channel, now);
            }
            if (channel.events().contains(Event.ARCHIVE_EXPIRING)) {
                told += expiringArchives(channel, now);
            }
            if (channel.events().contains(Event.INSTANCE_EXPIRING)) {
                told += expiringInstances(channel, now);
            }
        }
        return told;
    }

    private int missedBackups(Channel channel, Instant now) {
        int told = 0;
        for (Job job : catalog.jobs().list(JobFilter.ALL)) {
            if (!channel.jobs().isEmpty() && !channel.jobs().contains(job.uuid())) {
                continue;
            }
            String alarm = "missed-backup:" + channel.uuid() + ":" + job.uuid();
            if (job.paused()) {
                alarms.clear(alarm);
                continue;
            }
            Optional<Instant> lastGood = catalog.tasks().lastOfJob(job.uuid(), TaskStatus.DONE).map(Task::stoppedAt);
            // a job that never succeeded counts from when this watch first saw it
            Instant since = lastGood.orElseGet(() -> firstSeen(job, now));
            Instant due = due(channel, job, since);
            if (due == null || now.isBefore(due)) {
                alarms.clear(alarm);
                continue;
            }
            if (alarms.raise(alarm, channel.uuid(), now)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("job_uuid", job.uuid().toString());
                details.put("job_name", job.name());
                details.put("target_uuid", job.target().toString());
                details.put("target_name", catalog.targets().find(job.target()).map(Target::name).orElse(null));
                details.put("last_success_at", lastGood.map(Instant::toString).orElse(null));
                details.put("due_at", due.toString());
                String last = lastGood.map(t -> "its last good backup ended at " + t).orElse("it has had no good backup yet");
                notifier.sendLater(channel, new Notification(Event.MISSED_BACKUP, now, "missed backup: job " + job.name(),
                        "Job " + job.name() + " should have had a good backup by " + due + "; " + last + ".", details, job.uuid()));
                told++;
            }
        }
        return told;
    }

    private Instant firstSeen(Job job, Instant now) {
        String seen = "job-seen:" + job.uuid();
        alarms.raise(seen, job.uuid(), now);
        return alarms.raisedAt(seen).orElse(now);
    }

    /** When a good backup is overdue: {@code since} plus the channel's threshold, or the schedule's next run after it, an hour late. */
    private Instant due(Channel channel, Job job, Instant since) {
        if (channel.missedAfter() != null) {
            return since.plus(channel.missedAfter());
        }
        Optional<Schedule> schedule = catalog.schedules().find(job.schedule());
        return schedule.map(s -> s.when().next(since.atZone(s.timezone())).toInstant().plus(Channel.DEFAULT_LATENESS)).orElse(null);
    }

    private int unhealthyStores(Channel channel, Instant now) {
        int told = 0;
        Map<UUID, StoreHealth> health = catalog.stores().health();
        for (Store store : catalog.stores().list(null, Usage.ANY)) {
            StoreHealth h = health.getOrDefault(store.uuid(), StoreHealth.UNKNOWN);
            String alarm = "store-unhealthy:" + channel.uuid() + ":" + store.uuid();
            if (!Boolean.FALSE.equals(h.healthy())) {
                alarms.clear(alarm);
                continue;
            }
            if (alarms.raise(alarm, channel.uuid(), now)) {
                String error = mask.mask(String.valueOf(h.error()), null, store.uuid());
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("store_uuid", store.uuid().toString());
                details.put("store_name", store.name());
                details.put("store_plugin", store.plugin());
                details.put("error", error);
                details.put("checked_at", h.checkedAt() == null ? null : h.checkedAt().toString());
                notifier.sendLater(channel, new Notification(Event.STORE_UNHEALTHY, now, "store unhealthy: " + store.name(),
                        "Store " + store.name() + " failed its self-test: " + error, details, null));
                told++;
            }
        }
        return told;
    }

    private int expiringArchives(Channel channel, Instant now) {
        int told = 0;
        String prefix = "archive-expiring:" + channel.uuid() + ":";
        Set<String> current = new HashSet<>();
        for (Archive archive : catalog.archives().newestPerTarget()) {
            if (archive.expiresAt().isBefore(now) || archive.expiresAt().isAfter(now.plus(EXPIRY_WARNING))
                    || keptByRule(archive) || !channel.jobs().isEmpty() && !channel.jobs().contains(archive.job())) {
                continue;
            }
            String alarm = prefix + archive.uuid();
            current.add(alarm);
            if (alarms.raise(alarm, channel.uuid(), now)) {
                String target = catalog.targets().find(archive.target()).map(Target::name).orElse(archive.target().toString());
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("archive_uuid", archive.uuid().toString());
                details.put("target_uuid", archive.target().toString());
                details.put("target_name", target);
                details.put("job_uuid", archive.job() == null ? null : archive.job().toString());
                details.put("taken_at", archive.takenAt().toString());
                details.put("expires_at", archive.expiresAt().toString());
                notifier.sendLater(channel, new Notification(Event.ARCHIVE_EXPIRING, now, "last archive expiring: " + target,
                        "The newest archive of target " + target + " (taken " + archive.takenAt() + ") expires at "
                                + archive.expiresAt() + " and there is no newer one.", details, archive.job()));
                told++;
            }
        }
        for (String raised : alarms.raised(prefix)) {
            if (!current.contains(raised)) {
                alarms.clear(raised);
            }
        }
        return told;
    }

    /** Whether a keep rule of the archive's policy holds it past its expiry: any rule keeps a target's newest archive. */
    private boolean keptByRule(Archive archive) {
        return archive.job() != null && catalog.jobs().find(archive.job()).flatMap(j -> catalog.retention().find(j.retention()))
                .map(RetentionPolicy::keep).map(RetentionPolicy.Keep::any).orElse(false);
    }

    private int expiringInstances(Channel channel, Instant now) {
        int told = 0;
        String prefix = "instance-expiring:" + channel.uuid() + ":";
        Set<String> current = new HashSet<>();
        for (InstanceLease lease : leases.get()) {
            if (lease.expiresAt() == null || lease.expiresAt().isBefore(now) || lease.expiresAt().isAfter(now.plus(INSTANCE_WARNING))) {
                continue;
            }
            // keyed by the expiry too: an instance extended and then nearing its new end is told again
            String alarm = prefix + lease.uuid() + ":" + lease.expiresAt().getEpochSecond();
            current.add(alarm);
            if (alarms.raise(alarm, channel.uuid(), now)) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("instance_uuid", lease.uuid().toString());
                details.put("instance_name", lease.name());
                details.put("owner", lease.owner());
                details.put("expires_at", lease.expiresAt().toString());
                notifier.sendLater(channel, new Notification(Event.INSTANCE_EXPIRING, now, "instance expiring: " + lease.name(),
                        "Instance " + lease.name() + " of " + lease.owner() + " expires at " + lease.expiresAt()
                                + "; extend it to keep it.", details, null));
                told++;
            }
        }
        for (String raised : alarms.raised(prefix)) {
            if (!current.contains(raised)) {
                alarms.clear(raised);
            }
        }
        return told;
    }

    @Override
    public synchronized void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
    }
}
