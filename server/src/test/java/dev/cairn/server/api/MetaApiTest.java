package dev.cairn.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Health, public key, status, plugins, and the bearer token every /v1 route needs. */
class MetaApiTest extends ApiTestBase {
    private static final String AGE_PUBLIC_KEY = "age1[02-9ac-hj-np-z]{58}";


    @Test
    void healthNeedsNoToken() {
        ApiReply reply = api.request("GET", "/healthz", null, null).expect(200);
        assertThat(reply.json().path("ok").stringValue()).isEqualTo("healthy");
        api.request("GET", "/healthz", null, "Bearer wrong").expect(200);
    }

    @Test
    void everyRouteRefusesARequestWithoutAToken() {
        for (String route : api.server().routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(route.indexOf(' ') + 1));
            ApiReply reply = api.request(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}", null);
            assertThat(reply.status()).as("%s without a token", route).isEqualTo(401);
            assertThat(reply.error()).contains("token");
            assertThat(reply.headers().firstValue("WWW-Authenticate")).as("%s without a token", route).hasValue("Bearer");
        }
    }

    /** Each route is asked from its own loopback address: ten wrong tokens from one address get a 429. */
    @Test
    void everyRouteRefusesAWrongToken() throws IOException {
        int address = 0;
        for (String route : api.server().routes()) {
            String method = route.substring(0, route.indexOf(' '));
            String path = concrete(route.substring(route.indexOf(' ') + 1));
            address++;
            try (HttpClient client = HttpClient.newBuilder()
                    .localAddress(InetAddress.getByName("127.0." + (1 + address / 250) + "." + (1 + address % 250))).build()) {
                ApiReply reply = api.request(client, method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}",
                        "Bearer " + ApiFixture.TOKEN + "x");
                assertThat(reply.status()).as("%s with a wrong token", route).isEqualTo(401);
                assertThat(reply.error()).contains("not valid");
            }
        }
    }

    @Test
    void refusesOtherKindsOfCredentials() {
        api.request("GET", "/v1/status", null, ApiFixture.TOKEN).expect(401);
        api.request("GET", "/v1/status", null, "Basic " + ApiFixture.TOKEN).expect(401);
        api.request("GET", "/v1/status", null, "Bearer").expect(401);
        api.request("GET", "/v1/status", null, "Bearer " + ApiFixture.TOKEN.substring(1)).expect(401);
        api.request("GET", "/v1/no-such-thing", null, null).expect(401);
        assertThat(api.request("POST", "/v1/targets", "{\"name\":\"x\",\"plugin\":\"fs\",\"endpoint\":{\"path\":\"/tmp\"}}",
                null).expect(401).body()).doesNotContain("uuid");
        assertThat(api.get("/v1/targets").expect(200).body()).doesNotContain("\"x\"");
    }

    /**
     * RFC 9110 (11.1): the authentication scheme is case-insensitive, and some clients send
     * "bearer". Each request goes over a new connection, so that nothing said earlier on a
     * connection can sway the answer.
     */
    @Test
    void theSchemeNameIsCaseInsensitive() {
        for (String scheme : List.of("Bearer", "bearer", "BEARER")) {
            try (HttpClient fresh = HttpClient.newHttpClient()) {
                api.request(fresh, "GET", "/v1/status", null, scheme + " " + ApiFixture.TOKEN).expect(200);
            }
        }
    }

    /** The token is a secret: only its exact spelling opens the API, whatever came before on the connection. */
    @Test
    void aTokenSpelledInAnotherCaseIsRefusedOnAKeptAliveConnection() {
        String shouted = "Bearer " + ApiFixture.TOKEN.toUpperCase(Locale.ROOT);
        try (HttpClient client = HttpClient.newHttpClient()) {
            api.request(client, "GET", "/v1/status", null, "Bearer " + ApiFixture.TOKEN).expect(200);
            api.request(client, "GET", "/v1/status", null, shouted).expect(401);
        }
        try (HttpClient client = HttpClient.newHttpClient()) {
            api.request(client, "GET", "/v1/status", null, shouted).expect(401);
            api.request(client, "GET", "/v1/status", null, "Bearer " + ApiFixture.TOKEN).expect(200);
        }
    }

    @Test
    void servesThePublicKey() {
        ApiReply reply = api.get("/v1/meta/pubkey").expect(200);
        assertThat(reply.contentType()).startsWith("text/plain");
        String key = reply.body().strip();
        assertThat(key).matches(AGE_PUBLIC_KEY);
        assertThat(key).isEqualTo(api.cairn().keys().publicKey());
        assertThat(root.resolve("data/cairn.key")).content().contains(key);
    }

    @Test
    void servesTheStatus() {
        JsonNode status = api.get("/v1/status").expect(200).json();
        assertThat(status.propertyNames()).contains("version", "server", "mode", "catalog", "started_at", "uptime_seconds",
                "pending_tasks", "running_tasks", "pubkey");
        assertThat(status.path("version").stringValue()).isNotBlank();
        assertThat(status.path("mode").stringValue()).isEqualTo("normal");
        assertThat(status.path("catalog").stringValue()).isEqualTo("sqlite");
        assertThat(status.path("started_at").stringValue()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(status.path("uptime_seconds").longValue()).isGreaterThanOrEqualTo(0);
        assertThat(status.path("pending_tasks").isIntegralNumber()).isTrue();
        assertThat(status.path("running_tasks").isIntegralNumber()).isTrue();
        assertThat(status.path("pubkey").stringValue()).isEqualTo(api.get("/v1/meta/pubkey").expect(200).body().strip());
    }

    @Test
    void listsAndShowsPlugins() {
        JsonNode plugins = api.get("/v1/plugins").expect(200).json();
        assertThat(plugins.findValuesAsString("name")).contains("fs", "postgres");

        JsonNode fs = api.get("/v1/plugin/fs").expect(200).json();
        assertThat(fs.path("features").path("target").stringValue()).isEqualTo("yes");
        assertThat(fs.path("features").path("store").stringValue()).isEqualTo("yes");
        assertThat(fs.path("fields").findValuesAsString("name")).containsExactly("path", "include", "exclude");
        assertThat(fs.path("version").stringValue()).isNotBlank();
        assertThat(fs.path("author").stringValue()).isNotBlank();

        JsonNode postgres = api.get("/v1/plugin/postgres").expect(200).json();
        assertThat(postgres.path("features").path("target").stringValue()).isEqualTo("yes");
        assertThat(postgres.path("features").path("store").stringValue()).isEqualTo("no");
        assertThat(postgres.path("fields").findValuesAsString("name")).contains("host", "port", "user", "password", "database");
        for (JsonNode field : postgres.path("fields")) {
            assertThat(field.path("secret").booleanValue()).as("whether %s is secret", field.path("name"))
                    .isEqualTo(field.path("name").stringValue().equals("password"));
        }

        assertThat(api.get("/v1/plugin/db2").expect(404).error()).contains("db2");
    }

    /** Errors are JSON (DESIGN.md, Contracts), those of paths and methods the API does not have included. */
    @Test
    void anUnknownPathOrMethodIsAnErrorInJson() {
        ApiReply unknownPath = api.get("/v1/no-such-thing").expect(404);
        assertThat(unknownPath.contentType()).startsWith("application/json");
        assertThat(unknownPath.error()).contains("/v1/no-such-thing");

        ApiReply unknownMethod = api.request("PATCH", "/v1/targets", "{}", "Bearer " + ApiFixture.TOKEN);
        assertThat(unknownMethod.status()).isIn(404, 405);
        assertThat(unknownMethod.contentType()).startsWith("application/json");
        assertThat(unknownMethod.error()).contains("PATCH");
    }

    @Test
    void servesTheOpenApiDescription() {
        ApiReply reply = api.get("/v1/openapi.json").expect(200);
        assertThat(reply.contentType()).startsWith("application/json");
        assertThat(reply.json().path("openapi").stringValue()).startsWith("3.1");
    }

    /** A route with its path parameters filled in: uuids that exist nowhere, and a plugin name. */
    private static String concrete(String path) {
        return path.replace("{uuid}", UUID.randomUUID().toString()).replace("{name}", "fs").replace("{id}", "1");
    }
}
