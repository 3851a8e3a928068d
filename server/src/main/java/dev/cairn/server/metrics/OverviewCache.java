package dev.cairn.server.metrics;

import dev.cairn.core.stats.CatalogOverview;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last {@link CatalogOverview} read, read again only once it is older than {@code refresh}; scrapes
 * that arrive together share one read. When a read fails (the catalog is down) the last good overview
 * stays and {@link #healthy()} turns false until a read succeeds.
 */
final class OverviewCache {
    private static final Logger LOG = LoggerFactory.getLogger(OverviewCache.class);
    private final Supplier<CatalogOverview> reader;
    private final Clock clock;
    private final Duration refresh;
    private CatalogOverview current;
    private Instant readAt;
    private boolean healthy = true;

    OverviewCache(Supplier<CatalogOverview> reader, Clock clock, Duration refresh) {
        this.reader = reader;
        this.clock = clock;
        this.refresh = refresh;
        this.current = CatalogOverview.empty(clock.instant());
    }

    /** The overview, read now when the last read is older than the refresh interval; true when it was read now. */
    synchronized boolean refresh() {
        Instant now = clock.instant();
        if (readAt != null && now.isBefore(readAt.plus(refresh))) {
            return false;
        }
        readAt = now;
        try {
            current = reader.get();
            healthy = true;
        } catch (RuntimeException e) {
            healthy = false;
            LOG.warn("metrics: cannot read the catalog, serving the numbers of {}: {}", current.readAt(), e.getMessage());
        }
        return true;
    }

    synchronized CatalogOverview current() {
        return current;
    }

    synchronized boolean healthy() {
        return healthy;
    }
}
