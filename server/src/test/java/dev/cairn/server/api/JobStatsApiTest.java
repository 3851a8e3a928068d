package dev.cairn.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code GET /v1/job/{uuid}/stats} after real backups: two good runs and a failed one of a job whose files went away. */
class JobStatsApiTest extends ApiTestBase {

    @Test
    void statsCountTheRunsAndListThemNewestFirstWithTheirSizes() throws IOException {
        Path files = api.directory("stats-files");
        Files.writeString(files.resolve("a.txt"), "stats\n".repeat(1000));
        String store = api.fsStore("stats store", api.directory("stats-store"));
        String job = api.job("stats job", api.fsTarget("stats files", files), store, api.schedule("stats schedule", "daily at 4am"),
                api.retention("stats retention", 86400));
        JsonNode first = api.awaitDone(api.runJob(job).path("uuid").stringValue());
        JsonNode second = api.awaitDone(api.runJob(job).path("uuid").stringValue());
        Files.delete(files.resolve("a.txt"));
        Files.delete(files);
        JsonNode failed = api.runJob(job);
        assertThat(failed.path("status").stringValue()).isEqualTo("failed");
        JsonNode archive = api.get("/v1/archive/" + second.path("archive_uuid").stringValue()).expect(200).json();

        JsonNode stats = api.get("/v1/job/" + job + "/stats").expect(200).json();

        assertThat(stats.path("name").stringValue()).isEqualTo("stats job");
        assertThat(stats.path("success_rate_7d").asDouble()).isEqualTo(2.0 / 3);
        assertThat(stats.path("last_30_days").path("ended").asInt()).isEqualTo(3);
        assertThat(stats.path("last_30_days").path("succeeded").asInt()).isEqualTo(2);
        assertThat(stats.path("last_30_days").path("failed").asInt()).isEqualTo(1);
        assertThat(stats.path("mean_time_between_failures").isNull()).as("one failure: no mean time between failures").isTrue();
        JsonNode runs = stats.path("runs");
        assertThat(runs).hasSize(3);
        // the catalog keeps whole seconds: runs that ended in the same second may come in either order
        assertThat(runs.valueStream().map(r -> r.path("task_uuid").stringValue())).containsExactlyInAnyOrder(
                first.path("uuid").stringValue(), second.path("uuid").stringValue(), failed.path("uuid").stringValue());
        assertThat(runs.valueStream().map(r -> r.path("stopped_at").stringValue()).toList())
                .isSortedAccordingTo(java.util.Comparator.reverseOrder());
        JsonNode bad = run(runs, failed.path("uuid").stringValue());
        assertThat(bad.path("status").stringValue()).isEqualTo("failed");
        assertThat(bad.path("archive_uuid").stringValue()).isEmpty();
        assertThat(bad.path("stored_size").asLong()).isZero();
        JsonNode good = run(runs, second.path("uuid").stringValue());
        assertThat(good.path("status").stringValue()).isEqualTo("done");
        assertThat(good.path("archive_uuid").stringValue()).isEqualTo(archive.path("uuid").stringValue());
        assertThat(good.path("stored_size").asLong()).isEqualTo(archive.path("stored_size").asLong());
        assertThat(good.path("size").asLong()).isEqualTo(archive.path("size").asLong());
        assertThat(good.path("duration").asDouble()).isBetween(0.0, 60.0);

        assertThat(api.get("/v1/job/" + job + "/stats?runs=1").expect(200).json().path("runs")).hasSize(1);
        assertThat(api.get("/v1/job/" + job + "/stats?runs=0").expect(400).error())
                .isEqualTo("runs must be between 1 and 1000, got 0");
        assertThat(api.get("/v1/job/" + job + "/stats?runs=many").expect(400).error()).contains("runs must be a whole number");
        api.get("/v1/job/" + java.util.UUID.randomUUID() + "/stats").expect(404);
    }

    private static JsonNode run(JsonNode runs, String task) {
        return runs.valueStream().filter(r -> r.path("task_uuid").stringValue().equals(task)).findFirst().orElseThrow();
    }
}
