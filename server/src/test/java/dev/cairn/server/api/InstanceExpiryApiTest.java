package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.PostgresServer;
import dev.cairn.testing.ServerAccounts;
import dev.cairn.testing.SteppedClock;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import tools.jackson.databind.JsonNode;

/**
 * The sweeper, on the server's clock: an instance whose time to live has passed is stopped and destroyed,
 * saying so; so is one that has had no client connected for longer than the idle timeout (8 h by default),
 * while one with a client stays.
 */
@Timeout(600)
class InstanceExpiryApiTest {
    static Path root;
    static ApiFixture api;
    static PostgresServer postgres;
    static final SteppedClock CLOCK = new SteppedClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        postgres.createDatabase("app");
        postgres.execute("app", "CREATE TABLE t (id int)");
        root = ServerAccounts.reachableDirectory("cairn-instance-expiry-");
        api = ApiFixture.start(root, CLOCK);
    }

    @AfterAll
    static void stop() {
        ImageFixture.stop(api, postgres, root);
    }

    @Test
    void anExpiredInstanceIsDestroyedAnIdleOneTooAndAnExtendedOneInUseLives() throws Exception {
        long imageId = ImageFixture.backedUpImage(api, postgres);
        JsonNode brief = api.post("/v1/instances", fields("image", imageId, "ttl", "1h")).expect(200).json().path("instance");
        JsonNode longer = api.post("/v1/instances", fields("image", imageId)).expect(200).json().path("instance");
        assertThat(longer.path("expires_in").longValue()).isEqualTo(Duration.ofHours(24).toSeconds());
        JsonNode unused = api.post("/v1/instances", fields("image", imageId, "ttl", "2d")).expect(200).json().path("instance");
        // a developer's session on the longer one keeps it from being idle
        Connection session = DriverManager.getConnection("jdbc:postgresql://" + longer.path("host").stringValue() + ":"
                + longer.path("port").intValue() + "/" + longer.path("database").stringValue(),
                longer.path("user").stringValue(), longer.path("password").stringValue());

        CLOCK.advance(Duration.ofMinutes(59));
        assertThat(api.cairn().instances().instances().sweep(CLOCK.instant())).isZero();
        CLOCK.advance(Duration.ofMinutes(2));
        api.request("PATCH", "/v1/instance/" + longer.path("id").longValue(), fields("ttl", "2d"), "Bearer " + ApiFixture.TOKEN)
                .expect(200);
        assertThat(api.cairn().instances().instances().sweep(CLOCK.instant())).isEqualTo(1);

        JsonNode expired = api.get("/v1/instance/" + brief.path("id").longValue()).expect(200).json();
        assertThat(expired.path("state").stringValue()).isEqualTo("destroyed");
        assertThat(expired.path("reason").stringValue()).startsWith("expired at ");
        assertThat(expired.path("expires_in").longValue()).isZero();
        assertThat(EngineChecks.listening(brief.path("port").intValue())).isFalse();
        assertThat(root.resolve("data/instances/" + brief.path("id").longValue())).doesNotExist();
        assertThat(api.get("/v1/audit?action=instance.destroy").expect(200).json()).singleElement()
                .satisfies(row -> assertThat(row.path("detail").stringValue()).startsWith("expired at "));

        CLOCK.advance(Duration.ofHours(7));
        assertThat(api.cairn().instances().instances().sweep(CLOCK.instant())).as("idle for 7 h of 8").isZero();
        CLOCK.advance(Duration.ofHours(17));
        assertThat(api.cairn().instances().instances().sweep(CLOCK.instant())).as("the unused one, idle for 24 h").isEqualTo(1);
        JsonNode idle = api.get("/v1/instance/" + unused.path("id").longValue()).expect(200).json();
        assertThat(idle.path("state").stringValue()).isEqualTo("destroyed");
        assertThat(idle.path("reason").stringValue()).isEqualTo("idle: no client connected for more than 480 min (instance_idle)");
        assertThat(EngineChecks.listening(unused.path("port").intValue())).isFalse();
        assertThat(api.get("/v1/instance/" + longer.path("id").longValue()).expect(200).json().path("state").stringValue())
                .isEqualTo("running");
        session.close();
        assertThat(EngineChecks.listening(longer.path("port").intValue())).isTrue();
        CLOCK.advance(Duration.ofDays(1));
        assertThat(api.cairn().instances().instances().sweep(CLOCK.instant())).isEqualTo(1);
        assertThat(EngineChecks.listening(longer.path("port").intValue())).isFalse();
    }
}
