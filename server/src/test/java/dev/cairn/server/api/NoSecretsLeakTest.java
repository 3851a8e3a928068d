package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditFilter;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TeamScope;
import dev.cairn.testing.PostgresServer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Seed 003's "logs never show credentials", checked over everything people do here: sign-ins right and
 * wrong, tokens made and revoked, a target with a password backed up, restored and downloaded. No
 * password, token or endpoint secret may appear in any audit row, task log, API reply or server log line
 * written meanwhile.
 */
class NoSecretsLeakTest {
    private static final String PASSWORD = "Correct-Horse-9";
    private static final String WRONG = "Wrong-Horse-77";
    @TempDir
    static Path root;
    static ApiFixture api;
    static PostgresServer postgres;
    static ListAppender<ILoggingEvent> logs;
    static Logger rootLogger;
    static Logger cairnLogger;
    static Level level;

    @BeforeAll
    static void start() {
        postgres = PostgresServer.start();
        postgres.createDatabase("secrets");
        postgres.execute("secrets", "CREATE TABLE t (id int)");
        api = ApiFixture.start(root);
        // after the server started: it sets up its own logging when it starts
        rootLogger = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        // Cairn's own lines at every level; other libraries at the levels the server runs them at (Jetty's
        // DEBUG dumps whole requests, headers and all, and is never on in a server)
        cairnLogger = (Logger) LoggerFactory.getLogger("dev.cairn");
        level = cairnLogger.getLevel();
        cairnLogger.setLevel(Level.DEBUG);
        logs = new ListAppender<>();
        logs.start();
        rootLogger.addAppender(logs);
    }

    @AfterAll
    static void stop() {
        rootLogger.detachAppender(logs);
        cairnLogger.setLevel(level);
        if (api != null) {
            api.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void noSecretAppearsInAuditRowsTaskLogsRepliesOrTheServerLog() {
        List<String> secrets = new ArrayList<>(List.of(PASSWORD, WRONG, ApiFixture.TOKEN, postgres.password()));
        List<String> replies = new ArrayList<>();
        String team = People.team(api, "shop");
        People.user(api, "fred", PASSWORD);
        People.member(api, team, "fred", "operator");
        String token = People.token(api, "fred", PASSWORD, "laptop");
        secrets.add(token);
        replies.add(People.get(api, "/v1/me", People.basic("fred", WRONG)).expect(401).body());
        replies.add(People.get(api, "/v1/me", People.bearer(token + "x")).expect(401).body());
        replies.add(People.get(api, "/v1/me/tokens", People.bearer(token)).expect(200).body());
        String target = api.create("/v1/targets", fields("name", "secret-db", "plugin", "postgres", "team", "shop",
                "endpoint", Map.of("host", postgres.host(), "port", postgres.port(), "user", postgres.user(),
                        "password", postgres.password(), "database", "secrets")));
        replies.add(api.get("/v1/target/" + target).expect(200).body());
        String job = api.job("secret-nightly", target, api.fsStore("secret-store", api.directory("store")),
                api.schedule("secret", "daily at 4am"), api.retention("secret", 86400));
        String backup = api.request("POST", "/v1/job/" + job + "/run", fields("owner", "fred's script"),
                People.bearer(token)).expect(200).json().path("task_uuid").stringValue();
        api.awaitDone(backup);
        String archive = api.get("/v1/archives?target=" + target).expect(200).json().get(0).path("uuid").stringValue();
        replies.add(api.request("GET", "/v1/archive/" + archive + "/download", null, People.basic("fred", PASSWORD))
                .expect(200).headers().toString());
        String restore = api.request("POST", "/v1/archive/" + archive + "/restore", fields(), People.bearer(token))
                .expect(200).json().path("task_uuid").stringValue();
        api.awaitDone(restore);
        api.request("POST", "/v1/targets", fields("name", "refused", "plugin", "postgres", "team", "shop", "endpoint",
                Map.of("host", "127.0.0.1", "port", 1, "user", "u", "password", PASSWORD, "database", "d")),
                People.bearer(token + "-revoked"));
        String tokenUuid = api.request("GET", "/v1/me/tokens", null, People.bearer(token)).expect(200).json().get(0)
                .path("uuid").stringValue();
        api.request("DELETE", "/v1/me/token/" + tokenUuid, null, People.bearer(token)).expect(200);
        replies.add(People.get(api, "/v1/me", People.bearer(token)).expect(401).body());

        List<AuditEntry> audit = api.cairn().access().audit().page(AuditFilter.ALL, TeamScope.ALL, null, 0, 10_000).items();
        assertThat(audit).extracting(AuditEntry::action).contains("sign-in", "token.create", "token.revoke",
                "target.create", "backup", "download", "restore");
        List<Task> tasks = api.cairn().catalog().tasks().list(null, 1000);
        assertThat(tasks).hasSizeGreaterThanOrEqualTo(2);
        List<ILoggingEvent> events;
        synchronized (logs) {
            // AppenderBase.doAppend holds the appender's lock while it adds to the list
            events = new ArrayList<>(logs.list);
        }
        List<String> lines = events.stream().map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(lines).isNotEmpty();
        for (String secret : secrets) {
            assertThat(audit).as("audit rows").noneSatisfy(row -> assertThat(row.toString()).contains(secret));
            assertThat(tasks).as("task logs").noneSatisfy(t -> assertThat(t.log() + t.owner() + t.ownerNote()).contains(secret));
            assertThat(lines).as("server log").noneSatisfy(line -> assertThat(line).contains(secret));
            assertThat(replies).as("API replies").noneSatisfy(reply -> assertThat(reply).contains(secret));
        }
    }
}
