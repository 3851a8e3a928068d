/**
 * {@code GET /metrics} in the Prometheus text format: {@link dev.cairn.server.metrics.CairnMetrics} keeps a
 * Micrometer Prometheus registry with the JVM's and the HTTP server's meters and gauges over a cached
 * {@link dev.cairn.core.stats.CatalogOverview}; {@link dev.cairn.server.metrics.MetricsListener} serves it
 * without sign-in on a separate address ({@code metrics_listen}). The metric names are listed in the README.
 */
package dev.cairn.server.metrics;
