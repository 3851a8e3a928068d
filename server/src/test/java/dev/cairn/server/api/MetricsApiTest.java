package dev.cairn.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.access.Role;
import dev.cairn.core.stats.MetricSource;
import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /metrics} after a good backup and a failed one (an fs target whose directory is missing),
 * read by Prometheus's own text-format parser: the job's last success is its archive's taken time, its
 * status and byte counts are the archive's, the failed job shows as failed, and the store counts its archive.
 */
class MetricsApiTest extends ApiTestBase {
    private static JsonNode archive;

    @BeforeAll
    static void backUpOnceWellAndOnceBadly() throws IOException {
        Path files = api.directory("metrics-files");
        Files.writeString(files.resolve("a.txt"), "metrics ".repeat(5000));
        String store = api.fsStore("metrics store", api.directory("metrics-store"));
        String schedule = api.schedule("metrics schedule", "daily at 4am");
        String retention = api.retention("metrics retention", 86400);
        String good = api.job("metrics good", api.fsTarget("metrics files", files), store, schedule, retention);
        String bad = api.job("metrics bad", api.fsTarget("metrics missing", files.resolveSibling("no-such-directory")),
                store, schedule, retention);
        JsonNode done = api.awaitDone(api.runJob(good).path("uuid").stringValue());
        archive = api.get("/v1/archive/" + done.path("archive_uuid").stringValue()).expect(200).json();
        assertThat(api.runJob(bad).path("status").stringValue()).isEqualTo("failed");
        // what the instances code will register: its own gauges, read on each refresh
        api.cairn().metricSources().register(() -> List.of(
                new MetricSource.Sample("cairn_instances_running", "Instances running now", Map.of(), 2),
                new MetricSource.Sample("cairn_instances_disk_bytes", "Disk the instances use", Map.of("backend", "btrfs"), 4096)));
    }

    @Test
    void aScrapeShowsTheLastSuccessStatusAndSizesOfEachJob() {
        ApiReply reply = api.get("/metrics").expect(200);
        assertThat(reply.contentType()).startsWith("text/plain; version=0.0.4");
        List<PrometheusText.Sample> samples = PrometheusText.parse(reply.body());
        Map<String, String> good = Map.of("job", "metrics good", "target", "metrics files");
        Map<String, String> bad = Map.of("job", "metrics bad", "target", "metrics missing");
        long taken = LocalDateTime.parse(archive.path("taken_at").stringValue(),
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")).toEpochSecond(ZoneOffset.UTC);

        assertThat(value(samples, "cairn_job_last_success_timestamp_seconds", good)).isEqualTo(taken);
        assertThat(value(samples, "cairn_job_last_raw_bytes", good)).isEqualTo(archive.path("size").asLong());
        assertThat(value(samples, "cairn_job_last_stored_bytes", good)).isEqualTo(archive.path("stored_size").asLong());
        assertThat(value(samples, "cairn_job_last_raw_bytes", good)).isGreaterThan(40_000);
        assertThat(value(samples, "cairn_job_last_status", with(good, "status", "done"))).isEqualTo(1);
        assertThat(value(samples, "cairn_job_last_status", with(good, "status", "failed"))).isEqualTo(0);
        assertThat(value(samples, "cairn_job_last_duration_seconds", good)).isBetween(0.0, 60.0);

        assertThat(value(samples, "cairn_job_last_success_timestamp_seconds", bad)).as("never succeeded").isEqualTo(0);
        assertThat(value(samples, "cairn_job_last_status", with(bad, "status", "failed"))).isEqualTo(1);
        assertThat(value(samples, "cairn_job_last_status", with(bad, "status", "done"))).isEqualTo(0);
        assertThat(value(samples, "cairn_job_last_stored_bytes", bad)).isEqualTo(0);

        assertThat(value(samples, "cairn_tasks", Map.of("op", "backup", "status", "done"))).isEqualTo(1);
        assertThat(value(samples, "cairn_tasks", Map.of("op", "backup", "status", "failed"))).isEqualTo(1);
        assertThat(value(samples, "cairn_tasks", Map.of("op", "restore", "status", "done"))).isEqualTo(0);
        assertThat(value(samples, "cairn_task_queue_depth", Map.of())).isEqualTo(0);
        assertThat(value(samples, "cairn_tasks_running", Map.of())).isEqualTo(0);
        Map<String, String> store = Map.of("store", "metrics store", "plugin", "fs");
        assertThat(value(samples, "cairn_store_archives", store)).isEqualTo(1);
        assertThat(value(samples, "cairn_store_bytes", store)).isEqualTo(archive.path("stored_size").asLong());
        assertThat(value(samples, "cairn_store_orphans", store)).isEqualTo(0);
        assertThat(value(samples, "cairn_retention_purges_total", Map.of())).isEqualTo(0);
        assertThat(value(samples, "cairn_retention_purge_failures", Map.of())).isEqualTo(0);
        assertThat(value(samples, "cairn_catalog_up", Map.of())).isEqualTo(1);
        assertThat(value(samples, "cairn_instances_running", Map.of())).isEqualTo(2);
        assertThat(value(samples, "cairn_instances_disk_bytes", Map.of("backend", "btrfs"))).isEqualTo(4096);

        assertThat(samples).as("JVM metrics").anyMatch(s -> s.name().equals("jvm_memory_used_bytes"));
        assertThat(samples).as("per-route HTTP timers").anyMatch(s -> s.name().equals("http_server_requests_seconds_count")
                && "/v1/job/{uuid}/run".equals(s.labels().get("route")) && "POST".equals(s.labels().get("method")));
        assertThat(samples.stream().filter(s -> s.name().equals("cairn_job_last_status")).map(PrometheusText.Sample::type))
                .containsOnly("gauge");
    }

    @Test
    void metricsNeedTheMetricsPermissionWhichOnlyAdminsHave() {
        ApiReply anonymous = api.request("GET", "/metrics", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        ApiReply operator = api.as(api.userWithToken("metrics-operator", "metrics team", Role.OPERATOR)).get("/metrics");
        assertThat(operator.status()).isEqualTo(403);
        assertThat(operator.json().path("permission").stringValue()).isEqualTo("metrics");
        assertThat(operator.error()).contains("permission 'metrics' is needed");
    }

    @Test
    void metricsListenServesTheSameMetricsWithoutSignIn() throws Exception {
        Path config = root.resolve("metrics.toml");
        Files.writeString(config, "metrics_listen = \"127.0.0.1:0\"\n");
        try (CairnServer server = CairnServer.start(ServerConfig.from(root.resolve("listener-data"), "127.0.0.1:0", null,
                config, false), "listener-token-0123", Clock.systemUTC());
             HttpClient http = HttpClient.newHttpClient()) {
            assertThat(server.metricsPort()).isPositive();
            HttpResponse<String> scrape = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort()
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(scrape.statusCode()).isEqualTo(200);
            List<PrometheusText.Sample> samples = PrometheusText.parse(scrape.body());
            assertThat(value(samples, "cairn_tasks", Map.of("op", "backup", "status", "done"))).isEqualTo(0);
            HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.metricsPort()
                    + "/v1/jobs")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(other.statusCode()).as("only /metrics is served there").isEqualTo(404);
        }
    }

    private static double value(List<PrometheusText.Sample> samples, String name, Map<String, String> labels) {
        Optional<PrometheusText.Sample> found = samples.stream()
                .filter(s -> s.name().equals(name) && s.labels().equals(labels)).findFirst();
        assertThat(found).as("a sample %s%s among %s", name, labels,
                samples.stream().filter(s -> s.name().equals(name)).toList()).isPresent();
        return found.get().value();
    }

    private static Map<String, String> with(Map<String, String> labels, String name, String value) {
        Map<String, String> copy = new java.util.HashMap<>(labels);
        copy.put(name, value);
        return copy;
    }

}
