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
 * success and next run, a timeline of the tasks of the last 24 hours, and the failures of those hours, alike ones grouped; jobs, failures and task
 * counts of the teams the signed-in user sees. On a fresh install it tells an admin what to set up first.
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
        var p = dev.cairn.server.auth.Principals.of(ctx);
        var scope = p.scope();
        Instant now = cairn.clock().instant();
        Instant dayAgo = now.minus(Duration.ofHours(24));
        var health = catalog.stores().health();
        List<StoreRow> stores = catalog.stores().list(null, Usage.ANY).stream()
                .map(s -> new StoreRow(s, health.getOrDefault(s.uuid(), StoreHealth.UNKNOWN))).toList();
        // nineteen runs of one broken job are one problem: one row with a count, its reason and the latest time
        List<FailureGroup> failures = FailureGroup.of(catalog.tasks().list(TaskStatus.FAILED, scope, FAILURES_SCANNED).stream()
                .filter(t -> t.stoppedAt() != null && t.stoppedAt().isAfter(dayAgo)).map(tasks::row).toList());
        List<dev.cairn.core.catalog.Job> visibleJobs = catalog.jobs().list(JobFilter.ALL, scope);
        Setup setup = new Setup(!stores.isEmpty(), !catalog.targets().list(null, Usage.ANY, scope).isEmpty(),
                !catalog.schedules().list(Usage.ANY).isEmpty(), !catalog.retention().list(Usage.ANY).isEmpty(),
                !visibleJobs.isEmpty());
        pages.page(ctx, "dashboard.jte", "Dashboard", "dashboard", Pages.params("core", core(now, scope), "stores", stores,
                "jobs", visibleJobs.stream().map(jobs::of).toList(), "failures", failures, "setup", setup,
                "timeline", TimelineChart.of(cairn.timeline().last(Duration.ofHours(24), scope))));
    }

    /** The core's health, with the pending and running tasks of the teams in {@code scope}. */
    private CoreHealth core(Instant now, dev.cairn.core.catalog.TeamScope scope) {
        Duration up = Duration.between(cairn.startedAt(), now);
        String uptime = up.toDays() > 0 ? up.toDays() + "d " + up.toHoursPart() + "h"
                : up.toHours() > 0 ? up.toHours() + "h " + up.toMinutesPart() + "m" : up.toMinutes() + "m";
        var tasks = cairn.catalog().tasks();
        return new CoreHealth(Version.CURRENT, cairn.settings().serverName(),
                cairn.settings().devMode() ? "DEV (every job runs every minute)" : "normal",
                cairn.postgresCatalog() ? "PostgreSQL" : "SQLite", uptime, count(TaskStatus.PENDING, scope),
                count(TaskStatus.RUNNING, scope));
    }

    private long count(TaskStatus status, dev.cairn.core.catalog.TeamScope scope) {
        return scope.all() ? cairn.catalog().tasks().count(status) : cairn.catalog().tasks().page(status, null, scope, 0, 1).total();
    }
}
