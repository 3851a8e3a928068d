package dev.cairn.server.metrics;

import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.stats.BackupRun;
import dev.cairn.core.stats.CatalogOverview;
import dev.cairn.core.stats.MetricSource;
import dev.cairn.core.stats.MetricSources;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cairn's gauges over the cached {@link CatalogOverview}: one series per job, per store, per task
 * operation and status, and per {@link MetricSource} sample. Series of jobs and stores that are gone
 * disappear on the next refresh.
 */
final class CatalogGauges {
    private static final List<String> OPS = List.of("backup", "restore", "verify");
    private static final List<TaskStatus> ENDED = List.of(TaskStatus.DONE, TaskStatus.FAILED, TaskStatus.CANCELED);
    private final MeterRegistry registry;
    private final OverviewCache cache;
    private final MetricSources sources;
    private final MultiGauge lastSuccess;
    private final MultiGauge lastDuration;
    private final MultiGauge lastStatus;
    private final MultiGauge lastRaw;
    private final MultiGauge lastStored;
    private final MultiGauge paused;
    private final MultiGauge tasks;
    private final MultiGauge storeHealthy;
    private final MultiGauge storeChecked;
    private final MultiGauge storeArchives;
    private final MultiGauge storeBytes;
    private final MultiGauge storeOrphans;
    private final Map<String, MultiGauge> sourced = new LinkedHashMap<>();

    CatalogGauges(MeterRegistry registry, OverviewCache cache, MetricSources sources) {
        this.registry = registry;
        this.cache = cache;
        this.sources = sources;
        lastSuccess = gauge("cairn_job_last_success_timestamp_seconds",
                "When the job's last successful backup was taken (its archive's taken time), in Unix seconds; 0 if it never succeeded");
        lastDuration = gauge("cairn_job_last_duration_seconds", "How long the job's last ended backup ran, whatever its outcome");
        lastStatus = gauge("cairn_job_last_status",
                "1 for the status the job's last ended backup had (done, failed or canceled), 0 for the others");
        lastRaw = gauge("cairn_job_last_raw_bytes", "Bytes the data system gave for the job's last successful backup, before compression");
        lastStored = gauge("cairn_job_last_stored_bytes", "Bytes stored for the job's last successful backup, compressed and encrypted");
        paused = gauge("cairn_job_paused", "1 when the job is paused (its schedule does not fire), else 0");
        tasks = gauge("cairn_tasks", "Tasks in the catalog, by operation and status");
        storeHealthy = gauge("cairn_store_healthy", "1 when the store's last self-test passed, 0 when it failed (absent before the first)");
        storeChecked = gauge("cairn_store_last_check_timestamp_seconds", "When the store's last self-test ran, in Unix seconds");
        storeArchives = gauge("cairn_store_archives", "Archives the store holds (purged ones left out)");
        storeBytes = gauge("cairn_store_bytes", "Bytes of the archives the store holds");
        storeOrphans = gauge("cairn_store_orphans", "Objects failed backups left in the store that wait for a purge");
        Gauge.builder("cairn_task_queue_depth", this, g -> g.overview().tasksIn("pending"))
                .description("Tasks waiting to run").register(registry);
        Gauge.builder("cairn_tasks_running", this, g -> g.overview().tasksIn("running"))
                .description("Tasks running now").register(registry);
        Gauge.builder("cairn_catalog_up", cache, c -> c.healthy() ? 1 : 0)
                .description("1 when the last read of the catalog for these metrics succeeded, else 0 (the numbers are then older)")
                .register(registry);
        Gauge.builder("cairn_metrics_read_timestamp_seconds", this, g -> g.overview().readAt().toEpochMilli() / 1000.0)
                .description("When the catalog numbers of these metrics were read, in Unix seconds").register(registry);
    }

    private MultiGauge gauge(String name, String help) {
        return MultiGauge.builder(name).description(help).register(registry);
    }

    CatalogOverview overview() {
        return cache.current();
    }

    /** Reads the catalog again when the cached overview is stale, and sets every series from it. */
    void refresh() {
        if (!cache.refresh()) {
            return;
        }
        CatalogOverview o = cache.current();
        List<MultiGauge.Row<?>> success = new ArrayList<>();
        List<MultiGauge.Row<?>> duration = new ArrayList<>();
        List<MultiGauge.Row<?>> status = new ArrayList<>();
        List<MultiGauge.Row<?>> raw = new ArrayList<>();
        List<MultiGauge.Row<?>> stored = new ArrayList<>();
        List<MultiGauge.Row<?>> pause = new ArrayList<>();
        for (CatalogOverview.JobLine job : o.jobs()) {
            Tags tags = Tags.of("job", job.name(), "target", job.target());
            BackupRun good = job.lastSuccess();
            success.add(MultiGauge.Row.of(tags, good == null ? 0 : seconds(good)));
            raw.add(MultiGauge.Row.of(tags, good == null ? 0 : good.rawBytes()));
            stored.add(MultiGauge.Row.of(tags, good == null ? 0 : good.storedBytes()));
            pause.add(MultiGauge.Row.of(tags, job.paused() ? 1 : 0));
            BackupRun last = job.lastRun();
            if (last != null) {
                duration.add(MultiGauge.Row.of(tags, last.duration().toMillis() / 1000.0));
            }
            for (TaskStatus s : ENDED) {
                status.add(MultiGauge.Row.of(tags.and("status", s.wire()), last != null && last.status() == s ? 1 : 0));
            }
        }
        lastSuccess.register(success, true);
        lastDuration.register(duration, true);
        lastStatus.register(status, true);
        lastRaw.register(raw, true);
        lastStored.register(stored, true);
        paused.register(pause, true);
        Map<CatalogOverview.TaskCount, Long> counts = new LinkedHashMap<>();
        for (String op : OPS) {
            for (TaskStatus s : TaskStatus.values()) {
                counts.put(new CatalogOverview.TaskCount(op, s.wire()), 0L);
            }
        }
        counts.putAll(o.tasks());
        tasks.register(counts.entrySet().stream().<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(
                Tags.of("op", e.getKey().op(), "status", e.getKey().status()), e.getValue())).toList(), true);
        List<MultiGauge.Row<?>> healthy = new ArrayList<>();
        List<MultiGauge.Row<?>> checked = new ArrayList<>();
        List<MultiGauge.Row<?>> archives = new ArrayList<>();
        List<MultiGauge.Row<?>> bytes = new ArrayList<>();
        List<MultiGauge.Row<?>> orphans = new ArrayList<>();
        for (CatalogOverview.StoreLine store : o.stores()) {
            Tags tags = Tags.of("store", store.name(), "plugin", store.plugin());
            if (store.healthy() != null) {
                healthy.add(MultiGauge.Row.of(tags, store.healthy() ? 1 : 0));
            }
            if (store.checkedAt() != null) {
                checked.add(MultiGauge.Row.of(tags, store.checkedAt().getEpochSecond()));
            }
            archives.add(MultiGauge.Row.of(tags, store.archives()));
            bytes.add(MultiGauge.Row.of(tags, store.bytes()));
            orphans.add(MultiGauge.Row.of(tags, store.orphans()));
        }
        storeHealthy.register(healthy, true);
        storeChecked.register(checked, true);
        storeArchives.register(archives, true);
        storeBytes.register(bytes, true);
        storeOrphans.register(orphans, true);
        refreshSources();
    }

    private void refreshSources() {
        Map<String, List<MultiGauge.Row<?>>> rows = new LinkedHashMap<>();
        Map<String, String> help = new LinkedHashMap<>();
        for (MetricSource.Sample sample : sources.samples()) {
            Tags tags = Tags.empty();
            for (var label : sample.labels().entrySet()) {
                tags = tags.and(label.getKey(), label.getValue());
            }
            rows.computeIfAbsent(sample.name(), n -> new ArrayList<>()).add(MultiGauge.Row.of(tags, sample.value()));
            help.putIfAbsent(sample.name(), sample.help());
        }
        for (String name : sourced.keySet()) {
            rows.putIfAbsent(name, List.of());
        }
        rows.forEach((name, list) -> sourced.computeIfAbsent(name, n -> gauge(n, help.getOrDefault(n, "")))
                .register(list, true));
    }

    private static double seconds(BackupRun run) {
        return (run.takenAt() != null ? run.takenAt() : run.endedAt()).getEpochSecond();
    }
}
