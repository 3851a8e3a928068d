package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.cairn.core.access.Role;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** {@code /v1/notifications}: channels and their rules, an admin's only, secrets masked, tested on demand. */
class NotificationsApiTest extends ApiTestBase {
    private static HttpServer receiver;
    private static final List<String> bodies = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void listen() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes()));
            exchange.sendResponseHeaders(exchange.getRequestURI().getPath().equals("/broken") ? 503 : 204, -1);
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void quiet() {
        receiver.stop(0);
    }

    private static String url(String path) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + path;
    }

    @Test
    void createsShowsMasksKeepsTestsAndDeletesAChannel() {
        String uuid = api.create("/v1/notifications", fields("name", "ops hook", "kind", "webhook",
                "config", Map.of("url", url("/hook"), "secret", "api-secret-9"), "events", List.of("task-failed", "missed-backup"),
                "missed_after", 86400));
        JsonNode shown = api.get("/v1/notification/" + uuid).expect(200).json();
        assertThat(shown.path("kind").stringValue()).isEqualTo("webhook");
        assertThat(shown.path("config").path("secret").stringValue()).isEqualTo("********");
        assertThat(ApiReply.strings(shown.path("events"))).containsExactly("task-failed", "missed-backup");
        assertThat(shown.path("missed_after").longValue()).isEqualTo(86400L);
        assertThat(api.get("/v1/notifications").expect(200).body()).contains("ops hook").doesNotContain("api-secret-9");

        // the mask sent back keeps the secret; the rule changes
        api.put("/v1/notification/" + uuid, fields("name", "ops hook", "kind", "webhook",
                "config", Map.of("url", url("/hook"), "secret", "********"), "events", List.of("task-failed"))).expect(200);
        assertThat(api.cairn().notifier().channels().get(java.util.UUID.fromString(uuid)).config().get("secret"))
                .isEqualTo("api-secret-9");
        assertThat(api.get("/v1/notification/" + uuid).expect(200).json().path("missed_after").isNull()).isTrue();

        assertThat(api.post("/v1/notification/" + uuid + "/test", null).expect(200).json().path("ok").stringValue()).isEqualTo("sent");
        assertThat(bodies).anySatisfy(body -> assertThat(body).contains("\"event\":\"test\"", "ops hook"));
        JsonNode deliveries = api.get("/v1/notification/" + uuid + "/deliveries").expect(200).json();
        assertThat(deliveries.get(0).path("status").stringValue()).isEqualTo("sent");
        assertThat(api.get("/v1/notification/" + uuid).expect(200).json().path("last_delivery").path("event").stringValue())
                .isEqualTo("test");
        assertThat(api.get("/v1/audit").expect(200).body()).contains("notification.create", "notification.update",
                "notification.test");

        api.delete("/v1/notification/" + uuid).expect(200);
        api.get("/v1/notification/" + uuid).expect(404);
    }

    @Test
    void aTestThatDoesNotArriveIsA422SayingWhy() {
        String uuid = api.create("/v1/notifications", fields("name", "broken chat", "kind", "slack",
                "config", Map.of("url", url("/broken")), "events", List.of("task-failed")));
        assertThat(api.get("/v1/notification/" + uuid).expect(200).json().path("config").path("url").stringValue())
                .as("a chat webhook's url is its secret").isEqualTo("********");
        assertThat(api.post("/v1/notification/" + uuid + "/test", null).expect(422).error()).contains("HTTP 503");
        assertThat(api.get("/v1/notification/" + uuid + "/deliveries").expect(200).json().get(0).path("status").stringValue())
                .isEqualTo("failed");
    }

    @Test
    void refusesWhatIsMissingOrWrongNamingIt() {
        assertThat(api.post("/v1/notifications", fields("name", "x")).expect(400).missing())
                .containsExactlyInAnyOrder("kind", "config", "events");
        assertThat(api.post("/v1/notifications", fields("name", "x", "kind", "pager", "config", Map.of(), "events", List.of("task-failed")))
                .expect(400).error()).contains("kind", "pager");
        assertThat(api.post("/v1/notifications", fields("name", "x", "kind", "webhook", "config", Map.of("url", url("/h"), "secret", "s"),
                "events", List.of("disk-full"))).expect(400).error()).contains("disk-full", "task-failed");
        assertThat(api.post("/v1/notifications", fields("name", "x", "kind", "webhook", "config", Map.of("url", url("/h")),
                "events", List.of("task-failed"))).expect(400).missing()).containsExactly("config.secret");
        assertThat(api.post("/v1/notifications", fields("name", "x", "kind", "email", "config", Map.of("host", "mail", "from", "a@b",
                "to", "c@d", "colour", "red"), "events", List.of("task-failed"))).expect(400).error()).contains("config.colour");
        api.create("/v1/notifications", fields("name", "taken", "kind", "slack", "config", Map.of("url", url("/t")),
                "events", List.of("task-failed")));
        api.post("/v1/notifications", fields("name", "taken", "kind", "slack", "config", Map.of("url", url("/t")),
                "events", List.of("task-failed"))).expect(409);
    }

    @Test
    void onlyAdminsSeeOrChangeChannels() {
        ApiFixture.As operator = api.as(api.userWithToken("notify-operator", "notify team", Role.OPERATOR));
        assertThat(operator.get("/v1/notifications").expect(403).error()).contains("manage-system");
        operator.post("/v1/notifications", fields("name", "sneaky", "kind", "slack", "config", Map.of("url", url("/s")),
                "events", List.of("task-failed"))).expect(403);
    }
}
