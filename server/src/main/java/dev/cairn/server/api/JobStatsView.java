package dev.cairn.server.api;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.stats.BackupRun;
import dev.cairn.core.stats.JobStatistics;
import dev.cairn.core.stats.JobStats;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON of {@code GET /v1/job/{uuid}/stats}: rates, recent runs and the mean time between failures. */
final class JobStatsView {
    private JobStatsView() {
    }

    /** The {@code ?runs=N} of the request: 1 to {@link JobStatistics#MAX_RUNS}, {@link JobStatistics#DEFAULT_RUNS} when absent. */
    static int runs(Context ctx) {
        String text = ctx.queryParam("runs");
        if (text == null || text.isBlank()) {
            return JobStatistics.DEFAULT_RUNS;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new CairnException.InvalidInput("runs must be a whole number between 1 and " + JobStatistics.MAX_RUNS
                    + ", got " + text);
        }
    }

    static Map<String, Object> of(Job job, JobStats stats) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", job.uuid().toString());
        v.put("name", job.name());
        v.put("at", Times.format(stats.at()));
        v.put("success_rate_7d", stats.last7Days().rate());
        v.put("success_rate_30d", stats.last30Days().rate());
        v.put("last_7_days", rate(stats.last7Days()));
        v.put("last_30_days", rate(stats.last30Days()));
        v.put("mean_time_between_failures", stats.meanTimeBetweenFailures() == null ? null
                : stats.meanTimeBetweenFailures().toSeconds());
        v.put("last_success", Times.format(stats.lastSuccess()));
        v.put("last_failure", Times.format(stats.lastFailure()));
        List<Map<String, Object>> runs = stats.runs().stream().map(JobStatsView::run).toList();
        v.put("runs", runs);
        return v;
    }

    private static Map<String, Object> rate(JobStats.Rate rate) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("days", rate.window().toDays());
        v.put("ended", rate.ended());
        v.put("succeeded", rate.succeeded());
        v.put("failed", rate.failed());
        v.put("success_rate", rate.rate());
        return v;
    }

    private static Map<String, Object> run(BackupRun run) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("task_uuid", run.task().toString());
        v.put("status", run.status().wire());
        v.put("started_at", Times.format(run.startedAt()));
        v.put("stopped_at", Times.format(run.stoppedAt()));
        v.put("duration", run.duration().toMillis() / 1000.0);
        v.put("archive_uuid", run.archive() == null ? "" : run.archive().toString());
        v.put("size", run.rawBytes());
        v.put("stored_size", run.storedBytes());
        return v;
    }
}
