package dev.cairn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.SteppedClock;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers on one PostgreSQL catalog (each with its own data directory) honour each other's
 * web sessions and refuse each other's guessers; a session ends after 8 idle hours, and its
 * last-seen time is written at most once a minute. Both servers share one stepped clock.
 */
@Timeout(180)
class SharedSessionsTest {
    @TempDir
    Path root;
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-02T10:00:00Z"));
    private PostgresServer postgres;
    private AuthServer first;
    private AuthServer second;

    @BeforeEach
    void start() throws Exception {
        postgres = PostgresServer.start();
        postgres.createDatabase("catalog");
        String url = postgres.jdbcUrl("catalog") + "?user=" + postgres.user() + "&password=" + postgres.password();
        first = AuthServer.start(Files.createDirectory(root.resolve("first")), "", Map.of(), clock, url);
        second = AuthServer.start(Files.createDirectory(root.resolve("second")), "", Map.of(), clock, url);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {second, first, postgres}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // the next one is closed all the same
            }
        }
    }

    private List<List<String>> sessions() {
        return postgres.query("catalog", "SELECT id_hash, last_seen FROM web_sessions");
    }

    @Test
    void aSessionMadeOnOneServerIsHonouredAndEndedOnTheOther() {
        HttpResponse<String> login = first.login(Map.of("token", AuthServer.TOKEN, "next", "/jobs"));
        assertThat(login.statusCode()).isEqualTo(303);
        String cookie = AuthServer.cookie(login);
        assertThat(second.page("/jobs", cookie).statusCode()).as("the other server knows the session").isEqualTo(200);
        assertThat(sessions()).hasSize(1);
        assertThat(sessions().getFirst().getFirst()).as("only the cookie's hash is kept")
                .doesNotContain(cookie.substring(cookie.indexOf('=') + 1)).hasSize(64);

        String csrf = csrf(second.page("/", cookie).body());
        HttpResponse<String> logout = second.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(second.url("/logout")))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("_csrf=" + csrf)));
        assertThat(logout.statusCode()).isEqualTo(303);
        assertThat(first.page("/jobs", cookie).statusCode()).as("logged out on both").isEqualTo(302);
        assertThat(sessions()).isEmpty();
        assertThat(first.cairn().access().audit().page(new dev.cairn.core.access.AuditFilter(null, null, "sign-out", null, null,
                null), dev.cairn.core.catalog.TeamScope.ALL, null, 0, 10).items()).hasSize(1);
    }

    @Test
    void aSessionEndsAfterEightIdleHoursAndItsLastSeenIsWrittenAtMostOnceAMinute() {
        String cookie = AuthServer.cookie(first.login(Map.of("token", AuthServer.TOKEN)));
        String seen = sessions().getFirst().get(1);

        clock.advance(Duration.ofSeconds(59));
        assertThat(second.page("/", cookie).statusCode()).isEqualTo(200);
        assertThat(sessions().getFirst().get(1)).as("within the minute").isEqualTo(seen);
        clock.advance(Duration.ofSeconds(1));
        assertThat(first.page("/", cookie).statusCode()).isEqualTo(200);
        assertThat(Long.parseLong(sessions().getFirst().get(1))).isEqualTo(Long.parseLong(seen) + 60);

        clock.advance(Duration.ofHours(8));
        assertThat(second.page("/", cookie).statusCode()).as("exactly 8 idle hours").isEqualTo(200);
        clock.advance(Duration.ofHours(8).plusSeconds(1));
        assertThat(first.page("/", cookie).statusCode()).as("idle beyond 8 hours").isEqualTo(302);
        assertThat(second.page("/", cookie).statusCode()).isEqualTo(302);
    }

    @Test
    void aGuesserRefusedByOneServerIsRefusedByTheOther() {
        for (int i = 0; i < 10; i++) {
            AuthServer server = i % 2 == 0 ? first : second;
            assertThat(server.basic("/v1/status", "fred", "guess-" + i).statusCode()).as("guess %d", i + 1).isEqualTo(401);
        }
        HttpResponse<String> refused = second.login(Map.of("token", AuthServer.TOKEN));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(first.basic("/v1/status", "admin", AuthServer.TOKEN).statusCode()).isEqualTo(429);
    }

    private static String csrf(String page) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
        assertThat(m.find()).as("a form token on the page").isTrue();
        return m.group(1);
    }
}
