package dev.cairn.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A real core with its HTTP API on a free loopback port, and a client that talks JSON to it with the token. */
final class CoreFixture implements AutoCloseable {
    static final String TOKEN = "agent-test-token-93b1";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FINISHED = Set.of("done", "failed", "canceled");

    private final CairnServer server;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private CoreFixture(CairnServer server) {
        this.server = server;
    }

    static CoreFixture start(Path data) {
        return new CoreFixture(CairnServer.start(ServerConfig.from(data, "127.0.0.1:0", null, null, false), TOKEN,
                Clock.systemUTC()));
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.port());
    }

    JsonNode get(String path) {
        return send("GET", path, null, 200);
    }

    JsonNode post(String path, Map<String, Object> body) {
        return send("POST", path, body, 200);
    }

    String create(String path, Object... fields) {
        return post(path, fields(fields)).path("uuid").asString();
    }

    /** Creates a store, a schedule, a retention policy and a job backing {@code target} up into {@code storeDir}; returns the job. */
    String job(String name, String target, Path storeDir) {
        String store = create("/v1/stores", "name", name + "-store", "plugin", "fs", "endpoint", Map.of("path", storeDir.toString()));
        String schedule = create("/v1/schedules", "name", name + "-schedule", "when", "daily 4am");
        String retention = create("/v1/retention", "name", name + "-retention", "expires", 86400);
        return create("/v1/jobs", "name", name, "target", target, "store", store, "schedule", schedule,
                "retention", retention, "paused", true);
    }

    /** Runs {@code job} now and returns its task's uuid. */
    String run(String job) {
        return post("/v1/job/" + job + "/run", fields("owner", "tester")).path("task_uuid").asString();
    }

    JsonNode awaitTask(String task, Duration atMost) {
        return await("task " + task + " to end").atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> get("/v1/task/" + task), t -> FINISHED.contains(t.path("status").asString()));
    }

    JsonNode awaitDone(String task) {
        JsonNode ended = awaitTask(task, Duration.ofSeconds(60));
        assertThat(ended.path("status").asString()).as("task %s, whose log is:%n%s", task, ended.path("log").asString())
                .isEqualTo("done");
        return ended;
    }

    private JsonNode send(String method, String path, Object body, int expected) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + path))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s %s answered %s", method, path, response.body()).isEqualTo(expected);
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    @Override
    public void close() {
        http.close();
        server.close();
    }
}
