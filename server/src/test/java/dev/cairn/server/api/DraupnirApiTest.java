package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.ServerAccounts;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * Seed 002's walk-through against Cairn's Draupnir-compatible API, with its headers, bodies and
 * statuses: create an image (filled from an archive), mark it done, create an instance, connect to
 * it, destroy the instance and the image.
 */
@Timeout(600)
class DraupnirApiTest {
    static Path root;
    static ApiFixture api;
    static PostgresServer postgres;
    static String archive;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        postgres.createDatabase("my_db");
        postgres.execute("my_db", "CREATE TABLE secret_tokens (token text NOT NULL)");
        postgres.execute("my_db", "INSERT INTO secret_tokens VALUES ('s3cr3t-one'), ('s3cr3t-two')");
        postgres.execute("my_db", "CREATE TABLE payments (id int PRIMARY KEY, amount int NOT NULL)");
        postgres.execute("my_db", "INSERT INTO payments SELECT i, i * 10 FROM generate_series(1, 20) i");
        root = ServerAccounts.reachableDirectory("cairn-draupnir-");
        api = ApiFixture.start(root);
        String target = api.create("/v1/targets", fields("name", "payments", "plugin", "postgres", "endpoint", Map.of(
                "host", postgres.host(), "port", postgres.port(), "user", postgres.user(),
                "password", postgres.password(), "database", "my_db")));
        String job = api.job("payments", target, api.fsStore("payments", api.directory("store")),
                api.schedule("payments", "daily at 4am"), api.retention("payments", 86400));
        api.awaitDone(api.runJob(job).path("uuid").stringValue());
        archive = api.get("/v1/archives?target=" + target).expect(200).json().get(0).path("uuid").stringValue();
    }

    @AfterAll
    static void stop() {
        ImageFixture.stop(api, postgres, root);
    }

    /** A request as seed 002 writes them: JSON, Draupnir-Version 1.0.0, the bearer token. */
    private static ApiReply draupnir(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + api.server().port() + path))
                .timeout(Duration.ofMinutes(5)).header("Draupnir-Version", "1.0.0")
                .header("Authorization", "Bearer " + ApiFixture.TOKEN)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiReply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void createImageDoneCreateInstanceConnectDestroy() throws Exception {
        JsonNode created = draupnir("POST", "/images", """
                {"data": {"type": "images", "attributes": {"backed_up_at": "2017-05-01T12:00:00Z",
                  "anonymisation_script": "\\\\c my_db\\nDELETE FROM secret_tokens;", "archive": "%s"}}}
                """.formatted(archive)).expect(201).json();
        JsonNode image = created.path("data");
        assertThat(image.path("type").stringValue()).isEqualTo("images");
        assertThat(image.path("id").isIntegralNumber()).isTrue();
        long id = image.path("id").longValue();
        assertThat(image.path("attributes").path("ready").booleanValue()).isFalse();
        assertThat(image.path("attributes").path("created_at").stringValue()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(image.path("attributes").path("anonymisation_script").stringValue()).startsWith("\\c my_db\n");

        JsonNode done = draupnir("POST", "/images/" + id + "/done", null).expect(200).json().path("data");
        assertThat(done.path("id").longValue()).isEqualTo(id);
        assertThat(done.path("attributes").path("ready").booleanValue()).isTrue();
        assertThat(draupnir("GET", "/images", null).expect(200).json().path("data"))
                .extracting(i -> i.path("id").longValue()).containsExactly(id);
        assertThat(draupnir("GET", "/images/" + id, null).expect(200).json().path("data").path("attributes")
                .path("ready").booleanValue()).isTrue();

        JsonNode instance = draupnir("POST", "/instances", """
                {"data": {"type": "instances", "attributes": {"image_id": %d}}}""".formatted(id)).expect(201).json().path("data");
        assertThat(instance.path("type").stringValue()).isEqualTo("instances");
        long instanceId = instance.path("id").longValue();
        JsonNode attributes = instance.path("attributes");
        assertThat(attributes.path("image_id").longValue()).isEqualTo(id);
        assertThat(attributes.path("port").isString()).as("port is a string, as seed 002 writes it").isTrue();
        int port = Integer.parseInt(attributes.path("port").stringValue());
        JsonNode connection = ApiFixture.JSON.createObjectNode().put("plugin", "postgres").put("host", attributes.path("host").stringValue())
                .put("port", port).put("user", attributes.path("user").stringValue())
                .put("password", attributes.path("password").stringValue()).put("database", "my_db");
        assertThat(EngineChecks.query(connection, "SELECT count(*) FROM secret_tokens")).containsExactly(List.of("0"));
        assertThat(EngineChecks.query(connection, "SELECT sum(amount) FROM payments")).containsExactly(List.of("2100"));
        assertThat(draupnir("GET", "/instances", null).expect(200).json().path("data"))
                .extracting(i -> i.path("id").longValue()).containsExactly(instanceId);
        assertThat(draupnir("GET", "/instances/" + instanceId, null).expect(200).json().path("data").path("attributes")
                .path("port").stringValue()).isEqualTo(String.valueOf(port));

        ApiReply destroyed = draupnir("DELETE", "/instances/" + instanceId, null).expect(204);
        assertThat(destroyed.body()).isEmpty();
        assertThat(EngineChecks.listening(port)).isFalse();
        JsonNode missing = draupnir("GET", "/instances/" + instanceId, null).expect(404).json();
        assertThat(missing.path("errors").get(0).path("status").stringValue()).isEqualTo("404");
        assertThat(draupnir("DELETE", "/images/" + id, null).expect(204).body()).isEmpty();
        draupnir("GET", "/images/" + id, null).expect(404);
    }

    @Test
    void withoutATokenItIs401AndWithoutAnArchiveA400() {
        ApiReply anonymous = api.request("GET", "/images", null, null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        JsonNode refused = draupnir("POST", "/images", """
                {"data": {"type": "images", "attributes": {"backed_up_at": "2017-05-01T12:00:00Z"}}}""").expect(400).json();
        assertThat(refused.path("errors").get(0).path("detail").stringValue()).contains("archive");
    }
}
