package dev.cairn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.access.User;
import dev.cairn.testing.SteppedClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trusted proxy header ({@code [auth.proxy]}): believed from the configured proxy address
 * (127.0.0.1), ignored with a warning from another (a client bound to 127.0.0.2), which is then
 * signed in as usual. The clock is stepped, never waited for.
 */
class TrustedProxyTest {
    private static final String CONFIG = """
            [auth.proxy]
            header = "X-Forwarded-User"
            trusted = ["127.0.0.1", "10.0.0.0/8"]
            """;
    @TempDir
    Path root;
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-02T10:00:00Z"));
    private AuthServer server;
    private HttpClient proxy;
    private HttpClient other;

    @BeforeEach
    void start() {
        server = AuthServer.start(root, CONFIG, Map.of(), clock);
        proxy = AuthServer.client("127.0.0.1");
        other = AuthServer.client("127.0.0.2");
    }

    @AfterEach
    void stop() {
        proxy.close();
        other.close();
        server.close();
    }

    private HttpResponse<String> get(HttpClient client, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.url(path))).GET();
        headers.forEach(request::header);
        return AuthServer.send(client, request);
    }

    @Test
    void theProxysHeaderNamesTheUserAndAnUnknownOneIsCreatedWithoutTeams() {
        HttpResponse<String> answer = get(proxy, "/v1/targets", Map.of("X-Forwarded-User", "fred"));

        assertThat(answer.statusCode()).isEqualTo(200);
        User fred = server.cairn().access().users().findByName("fred").orElseThrow();
        assertThat(fred.source()).isEqualTo("proxy");
        assertThat(fred.passwordHash()).isNull();
        assertThat(fred.admin()).isFalse();
        assertThat(server.cairn().access().teams().memberships(fred.uuid())).isEmpty();
        assertThat(get(proxy, "/v1/targets", Map.of("X-Forwarded-User", "fred")).statusCode()).isEqualTo(200);
        assertThat(server.cairn().access().users().list()).filteredOn(u -> u.name().equals("fred")).hasSize(1);
        assertThat(get(proxy, "/v1/targets", Map.of("X-Forwarded-User", "fred; rm -rf /")).statusCode())
                .as("a name that cannot be a user").isEqualTo(401);
    }

    @Test
    void fromAnotherAddressTheHeaderIsIgnoredWithOneWarningAMinuteAndTheRequestSignsInAsUsual() {
        HttpResponse<String> refused = get(other, "/v1/targets", Map.of("X-Forwarded-User", "admin"));
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(get(other, "/v1/targets", Map.of("X-Forwarded-User", "admin", "Authorization", "Bearer " + AuthServer.TOKEN))
                .statusCode()).as("its own credentials still count").isEqualTo(200);
        assertThat(server.cairn().access().users().findByName("admin").orElseThrow().source()).isEqualTo("bootstrap");

        List<String> warnings = server.logLines();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.getFirst()).isEqualTo("WARN ignored the X-Forwarded-User header from 127.0.0.2, which is not a"
                + " trusted proxy (auth.proxy.trusted)");

        clock.advance(Duration.ofMinutes(1));
        get(other, "/v1/targets", Map.of("X-Forwarded-User", "admin"));
        assertThat(server.logLines()).hasSize(2);
        assertThat(server.logLines().get(1)).endsWith("; 1 more ignored since the last warning");
    }

    @Test
    void theWebUiSignsInTheProxysUserWithoutTheFormButNotAnotherAddresss() {
        HttpResponse<String> login = get(proxy, "/login?next=/jobs", Map.of("X-Forwarded-User", "wilma"));
        assertThat(login.statusCode()).isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/jobs");
        assertThat(get(proxy, "/jobs", Map.of("Cookie", AuthServer.cookie(login))).statusCode()).isEqualTo(200);

        HttpResponse<String> form = get(other, "/login?next=/jobs", Map.of("X-Forwarded-User", "wilma"));
        assertThat(form.statusCode()).isEqualTo(200);
        assertThat(form.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(form.body()).contains("name=\"password\"");
    }

    @Test
    void trustedRangesMatchByPrefix() {
        TrustedAddresses trusted = TrustedAddresses.parse(List.of("127.0.0.1", "10.0.0.0/8", "fd00::/8"));
        assertThat(trusted.contains("127.0.0.1")).isTrue();
        assertThat(trusted.contains("127.0.0.2")).isFalse();
        assertThat(trusted.contains("10.200.3.4")).isTrue();
        assertThat(trusted.contains("11.0.0.1")).isFalse();
        assertThat(trusted.contains("[fd12:3456::1]")).isTrue();
        assertThat(trusted.contains("fe80::1")).isFalse();
        assertThat(trusted.contains("localhost")).as("names are never looked up").isFalse();
    }
}
