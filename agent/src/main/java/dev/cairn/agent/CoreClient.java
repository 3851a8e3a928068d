package dev.cairn.agent;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The core's agent routes, over HTTP with the bearer token. Every failure is an {@link IOException}. */
final class CoreClient implements AutoCloseable {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };
    /** Longer than the core holds a poll open. */
    private static final Duration POLL_TIMEOUT = Duration.ofSeconds(45);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    /** What a poll answered: work to start, or null, and work to stop. */
    record Poll(Assignment work, List<UUID> cancel) {
    }

    private final URI core;
    private final String token;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();

    CoreClient(URI core, String token) {
        this.core = core;
        this.token = token;
    }

    URI core() {
        return core;
    }

    Poll poll(String name, List<String> plugins, String version) throws IOException, InterruptedException {
        JsonNode reply = json(request("/v1/agent/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20") + "/poll")
                .timeout(POLL_TIMEOUT).POST(jsonBody(Map.of("plugins", plugins, "version", version))));
        JsonNode work = reply.path("work");
        Assignment assignment = null;
        if (work.isObject()) {
            try {
                assignment = new Assignment(UUID.fromString(work.path("uuid").asString()),
                        UUID.fromString(work.path("task_uuid").asString()), work.path("op").asString(),
                        work.path("plugin").asString(), JSON.treeToValue(work.path("endpoint"), MAP));
            } catch (IllegalArgumentException | JacksonException e) {
                throw new IOException("the core sent work this agent cannot read: " + e.getMessage(), e);
            }
        }
        List<UUID> cancel = new ArrayList<>();
        reply.path("cancel").forEach(uuid -> cancel.add(UUID.fromString(uuid.asString())));
        return new Poll(assignment, cancel);
    }

    /** Streams {@code data} to its end as the body of the work's upload. */
    void upload(UUID work, Supplier<InputStream> data) throws IOException, InterruptedException {
        json(request("/v1/agent/work/" + work + "/data").header("Content-Type", "application/octet-stream")
                .PUT(HttpRequest.BodyPublishers.ofInputStream(data)));
    }

    /** Opens the work's download; the caller reads it to its end and closes it. */
    InputStream download(UUID work) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(request("/v1/agent/work/" + work + "/data").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            try (InputStream body = response.body()) {
                throw refusal(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return response.body();
    }

    void result(UUID work, boolean ok, String error) throws IOException, InterruptedException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ok", ok);
        if (!ok) {
            body.put("error", error);
        }
        json(request("/v1/agent/work/" + work + "/result").timeout(CALL_TIMEOUT).POST(jsonBody(body)));
    }

    void log(UUID work, List<String> lines) throws IOException, InterruptedException {
        json(request("/v1/agent/work/" + work + "/log").timeout(CALL_TIMEOUT).POST(jsonBody(Map.of("lines", lines))));
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(core + path)).header("Authorization", "Bearer " + token);
    }

    private static HttpRequest.BodyPublisher jsonBody(Object body) {
        return HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    }

    private JsonNode json(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.header("Accept", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw refusal(response.statusCode(), response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (JacksonException e) {
            throw new IOException("the core answered with something other than JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static CoreRefusal refusal(int status, String body) {
        String message;
        try {
            message = JSON.readTree(body).path("error").asString("");
        } catch (JacksonException e) {
            message = "";
        }
        return new CoreRefusal(status, "the core answered " + status + (message.isEmpty() ? "" : ": " + message));
    }

    @Override
    public void close() {
        // close() would wait for a held poll to end; the agent is stopping now
        http.shutdownNow();
    }
}
