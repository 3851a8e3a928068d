package dev.cairn.server.metrics;

import dev.cairn.core.Cairn;
import dev.cairn.core.stats.CatalogOverview;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The metrics of one server: Cairn's own (jobs, tasks, stores, retention, and what registered
 * {@link dev.cairn.core.stats.MetricSource}s add), the JVM's and the HTTP server's, written out in the
 * Prometheus text format by {@link #scrape()}. Cairn's numbers come from the catalog, read at most once per
 * {@link #REFRESH} however often it is scraped, so a scrape never loads the catalog heavily.
 */
public final class CairnMetrics implements AutoCloseable {
    /** How old the catalog's numbers may be before a scrape reads them again. */
    public static final Duration REFRESH = Duration.ofSeconds(5);
    /** The content type of {@link #scrape()}: the Prometheus text format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final CatalogGauges catalog;

    private CairnMetrics(Cairn cairn, Duration refresh) {
        new ClassLoaderMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        this.catalog = new CatalogGauges(registry, new OverviewCache(cairn.overview()::read, cairn.clock(), refresh),
                cairn.metricSources());
        FunctionCounter.builder("cairn_retention_purges", catalog, g -> g.overview().purgedArchives())
                .description("Archives purged from their stores (expired or deleted), as the catalog counts them")
                .register(registry);
        Gauge.builder("cairn_retention_purge_failures", catalog, g -> g.overview().failingPurges())
                .description("Archives whose last purge failed and that wait for the next sweep").register(registry);
    }

    /** Metrics over {@code cairn}'s catalog, read again at most every {@link #REFRESH}. */
    public static CairnMetrics over(Cairn cairn) {
        return new CairnMetrics(cairn, REFRESH);
    }

    /** Records one HTTP request: its method, its route's path template ({@code /v1/job/{uuid}}), its status and time. */
    public void request(String method, String route, int status, float millis) {
        Timer.builder("http_server_requests").description("HTTP requests the server answered, by route")
                .tags("method", method, "route", route, "status", String.valueOf(status))
                .register(registry).record((long) (millis * 1_000_000L), TimeUnit.NANOSECONDS);
    }

    /** Everything, in the Prometheus text format, with the catalog's numbers at most {@link #REFRESH} old. */
    public String scrape() {
        catalog.refresh();
        return registry.scrape();
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }

    /** What the gauges show now (for tests and the status line). */
    CatalogOverview overview() {
        return catalog.overview();
    }
}
