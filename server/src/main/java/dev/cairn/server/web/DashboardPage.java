package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.Version;
import dev.cairn.core.catalog.JobFilter;
import dev.cairn.core.catalog.StoreHealth;
import dev.cairn.core.catalog.TaskStatus;
import dev.cairn.core.catalog.Usage;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard: the core's health, each store's health and usage, every job's last run, last
 * success and next run, and the failures of the last 24 hours, alike ones grouped. On a fresh install it says what to set up first.
 */
final class DashboardPage {
    private static final int FAILURES_SCANNED = 500;
    private final Cairn cairn;
    private final Pages pages;
    private final JobRows jobs;
    private final TaskPages tasks;

    DashboardPage(Cairn cairn, Pages pages, TaskPages tasks) {
        this.cairn = cairn;
        this.pages = pages;
        this.jobs = new JobRows(cairn);
        this.tasks = tasks;
    }

    void register(RoutesConfig routes) {
        routes.get("/", this::show);
    }

    private void show(Context ctx) {
        var catalog = cairn.catalog();
        Instant now = cairn.clock().instant();
        Instant dayAgo = now.minus(Duration.ofHours(24));
        var health = catalog.stores().health();
        List<StoreRow> stores = catalog.stores().list(null, Usage.ANY).stream()
                .map(s -> new StoreRow(s, health.getOrDefault(s.uuid(), StoreHealth.UNKNOWN))).toList();
        // nineteen runs of one broken job are one problem: one row with a count, its reason and the latest time
        List<FailureGroup> failures = FailureGroup.of(catalog.tasks().list(TaskStatus.FAILED, FAILURES_SCANNED).stream()
                .filter(t -> t.stoppedAt() != null && t.stoppedAt().isAfter(dayAgo)).map(tasks::row).toList());
        Setup setup = new Setup(!stores.isEmpty(), !catalog.targets().list(null, Usage.ANY).isEmpty(),
                !catalog.schedules().list(Usage.ANY).isEmpty(), !catalog.retention().list(Usage.ANY).isEmpty(),
                !catalog.jobs().list(JobFilter.ALL).isEmpty());
        pages.page(ctx, "dashboard.jte", "Dashboard", "dashboard", Pages.params("core", core(now), "stores", stores,
                "jobs", catalog.jobs().list(JobFilter.ALL).stream().map(jobs::of).toList(), "failures", failures, "setup", setup));
    }

    private CoreHealth core(Instant now) {
        Duration up = Duration.between(cairn.startedAt(), now);
        String uptime = up.toDays() > 0 ? up.toDays() + "d " + up.toHoursPart() + "h"
                : up.toHours() > 0 ? up.toHours() + "h " + up.toMinutesPart() + "m" : up.toMinutes() + "m";
        var tasks = cairn.catalog().tasks();
        return new CoreHealth(Version.CURRENT, cairn.settings().serverName(),
                cairn.settings().devMode() ? "DEV (every job runs every minute)" : "normal",
                cairn.postgresCatalog() ? "PostgreSQL" : "SQLite", uptime, tasks.count(TaskStatus.PENDING),
                tasks.count(TaskStatus.RUNNING));
    }
}
