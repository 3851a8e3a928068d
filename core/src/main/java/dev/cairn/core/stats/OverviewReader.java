package dev.cairn.core.stats;

import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.StoreHealth;
import dev.cairn.core.catalog.Usage;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Reads a {@link CatalogOverview} in a handful of aggregate queries, whatever the number of jobs,
 * tasks or archives: what a metrics scrape or a status page may afford every few seconds.
 */
public final class OverviewReader {
    private final Jdbi jdbi;
    private final Repositories catalog;
    private final BackupHistory history;
    private final Clock clock;

    public OverviewReader(Jdbi jdbi, Repositories catalog, BackupHistory history, Clock clock) {
        this.jdbi = jdbi;
        this.catalog = catalog;
        this.history = history;
        this.clock = clock;
    }

    public CatalogOverview read() {
        var last = history.lastOfEachJob();
        var success = history.lastSuccessOfEachJob();
        List<CatalogOverview.JobLine> jobs = jdbi.withHandle(h -> h.createQuery("SELECT j.uuid, j.name, j.paused, "
                        + "t.name AS target FROM jobs j JOIN targets t ON t.uuid = j.target_uuid ORDER BY j.name")
                .map((rs, ctx) -> {
                    UUID uuid = UUID.fromString(rs.getString("uuid"));
                    return new CatalogOverview.JobLine(uuid, rs.getString("name"), rs.getString("target"),
                            rs.getBoolean("paused"), last.get(uuid), success.get(uuid));
                }).list());
        Map<CatalogOverview.TaskCount, Long> tasks = new LinkedHashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT op, status, COUNT(*) AS n FROM tasks GROUP BY op, status")
                .map((rs, ctx) -> Map.entry(new CatalogOverview.TaskCount(rs.getString("op"), rs.getString("status")),
                        rs.getLong("n")))
                .forEach(e -> tasks.put(e.getKey(), e.getValue())));
        Map<UUID, StoreHealth> health = catalog.stores().health();
        List<CatalogOverview.StoreLine> stores = catalog.stores().list(null, Usage.ANY).stream().map((Store s) -> {
            StoreHealth state = health.getOrDefault(s.uuid(), StoreHealth.UNKNOWN);
            return new CatalogOverview.StoreLine(s.uuid(), s.name(), s.plugin(), state.healthy(), state.checkedAt(),
                    state.archives(), state.bytesUsed(), state.orphans());
        }).toList();
        long[] purges = jdbi.withHandle(h -> h.createQuery("SELECT "
                        + "COALESCE(SUM(CASE WHEN status = 'purged' THEN 1 ELSE 0 END), 0) AS purged, "
                        + "COALESCE(SUM(CASE WHEN status <> 'purged' AND purge_error IS NOT NULL THEN 1 ELSE 0 END), 0) AS failing "
                        + "FROM archives")
                .map((rs, ctx) -> new long[] {rs.getLong("purged"), rs.getLong("failing")}).one());
        return new CatalogOverview(clock.instant(), jobs, tasks, stores, purges[0], purges[1]);
    }
}
