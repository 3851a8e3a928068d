package dev.cairn.server.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.Role;
import dev.cairn.core.access.Team;
import dev.cairn.core.access.Teams;
import dev.cairn.core.access.User;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Plugin;
import dev.cairn.plugins.s3.S3ProxyServer;
import dev.cairn.plugins.sftp.SftpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real core on a temporary data directory with the HTTP API in front of it on a free port, and
 * a client that talks to it as a user would: JSON over HTTP with the bearer token. Schedules do
 * not fire by themselves; work happens only when a test asks for it.
 */
final class ApiFixture implements AutoCloseable {
    static final String TOKEN = "test-token-4c1f0e";
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FINISHED = Set.of("done", "failed", "canceled");
    private static final Duration TASK_TIMEOUT = Duration.ofSeconds(60);

    static {
        // The server module has no logback-test.xml, and logback's default (DEBUG) would bury
        // failures under Jetty's debug output.
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }

    private final Path root;
    private final Cairn cairn;
    private final ApiServer server;
    private final HttpClient http = HttpClient.newHttpClient();
    private final AtomicInteger directories = new AtomicInteger();

    private ApiFixture(Path root, Cairn cairn, ApiServer server) {
        this.root = root;
        this.cairn = cairn;
        this.server = server;
    }

    /** Starts a core whose data directory is {@code root/data}, and the API on 127.0.0.1 and a free port. */
    static ApiFixture start(Path root) {
        return start(root, (Plugin) null);
    }

    /** Like {@link #start(Path)}, with {@code extra} (when not null) beside the built-in plugins. */
    static ApiFixture start(Path root, Plugin extra) {
        return start(root, extra, null);
    }

    /** Like {@link #start(Path)}, on the catalog at {@code catalogUrl} (the data directory's SQLite one when null). */
    static ApiFixture onCatalog(Path root, String catalogUrl) {
        return start(root, null, catalogUrl);
    }

    /** Like {@link #start(Path)}, on {@code clock} (a stepped one, for what happens at a time). */
    static ApiFixture start(Path root, Clock clock) {
        return start(root, null, null, clock);
    }

    private static ApiFixture start(Path root, Plugin extra, String catalogUrl) {
        return start(root, extra, catalogUrl, Clock.systemUTC());
    }

    private static ApiFixture start(Path root, Plugin extra, String catalogUrl, Clock clock) {
        CairnSettings settings = CairnSettings.defaults(root.resolve("data")).withScheduling(false, Duration.ofSeconds(15));
        if (catalogUrl != null) {
            settings = settings.withCatalog(catalogUrl);
        }
        PluginRegistry plugins = PluginRegistry.load(ApiFixture.class.getClassLoader(), settings.pluginsDir());
        Cairn cairn = Cairn.start(settings, clock, extra == null ? plugins : plugins.with(extra));
        try {
            return new ApiFixture(root, cairn, ApiServer.start(cairn, "127.0.0.1", 0, TOKEN));
        } catch (RuntimeException e) {
            cairn.close();
            throw e;
        }
    }

    Cairn cairn() {
        return cairn;
    }

    ApiServer server() {
        return server;
    }

    /** A new empty directory under the test's temporary directory. */
    Path directory(String prefix) {
        Path directory = root.resolve(prefix + "-" + directories.incrementAndGet());
        try {
            return Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    ApiReply get(String path) {
        return request("GET", path, null, "Bearer " + TOKEN);
    }

    ApiReply delete(String path) {
        return request("DELETE", path, null, "Bearer " + TOKEN);
    }

    /** POSTs {@code body}: a String is sent as it is, anything else as JSON. */
    ApiReply post(String path, Object body) {
        return request("POST", path, body, "Bearer " + TOKEN);
    }

    ApiReply put(String path, Object body) {
        return request("PUT", path, body, "Bearer " + TOKEN);
    }

    /** Sends a request with {@code authorization} as the Authorization header (none when null). */
    ApiReply request(String method, String path, Object body, String authorization) {
        return request(http, method, path, body, authorization);
    }

    /** A GET with exactly {@code headers} (no token unless they hold one), as another client would send it. */
    ApiReply getWith(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30)).GET();
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiReply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during GET " + path, e);
        }
    }

    /** Like {@link #request(String, String, Object, String)}, over {@code client}'s connections rather than the fixture's. */
    ApiReply request(HttpClient client, String method, String path, Object body, String authorization) {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body instanceof String text ? text : JSON.writeValueAsString(body));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiReply(response.statusCode(), response.body(), response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during " + method + " " + path, e);
        }
    }

    /** POSTs {@code body} to a list path, checks the {@code {"ok":"created","uuid":…}} reply and returns the uuid. */
    String create(String path, Map<String, Object> body) {
        JsonNode reply = post(path, body).expect(200).json();
        assertThat(reply.path("ok").stringValue()).isEqualTo("created");
        assertThat(reply.propertyNames()).containsExactlyInAnyOrder("ok", "uuid");
        return reply.path("uuid").stringValue();
    }

    /** The uuid of team {@code name}, made now when there is none. */
    String team(String name) {
        Teams teams = cairn.access().teams();
        return teams.findByName(name).orElseGet(() -> {
            Team team = new Team(UUID.randomUUID(), name, "team " + name);
            teams.insert(team);
            return team;
        }).uuid().toString();
    }

    /**
     * Makes user {@code name} (not an admin) with {@code role} in team {@code team} (made when new; no
     * membership when {@code team} is null) and returns a new API token of theirs.
     */
    String userWithToken(String name, String team, Role role) {
        Access access = cairn.access();
        User user = access.users().findByName(name).orElseGet(() -> {
            User made = new User(UUID.randomUUID(), name, name, null, false, "local", cairn.clock().instant());
            access.users().insert(made);
            return made;
        });
        if (team != null) {
            access.teams().setMember(UUID.fromString(team(team)), user.uuid(), role, "local");
        }
        return access.tokens().create(user.uuid(), "test " + UUID.randomUUID(), null).secret();
    }

    /** The API as the holder of {@code token} calls it. */
    As as(String token) {
        return new As(this, "Bearer " + token);
    }

    /** Requests with one user's credentials. */
    record As(ApiFixture api, String authorization) {
        ApiReply get(String path) {
            return api.request("GET", path, null, authorization);
        }

        ApiReply delete(String path) {
            return api.request("DELETE", path, null, authorization);
        }

        ApiReply post(String path, Object body) {
            return api.request("POST", path, body, authorization);
        }

        ApiReply put(String path, Object body) {
            return api.request("PUT", path, body, authorization);
        }
    }

    /** An fs target of team {@code team} (a name or uuid). */
    String fsTarget(String name, Path directory, String team) {
        return create("/v1/targets", fields("name", name, "summary", "files of " + name, "plugin", "fs",
                "endpoint", Map.of("path", directory.toString()), "agent", "", "team", team));
    }

    String fsTarget(String name, Path directory) {
        return create("/v1/targets", fields("name", name, "summary", "files of " + name, "plugin", "fs",
                "endpoint", Map.of("path", directory.toString()), "agent", ""));
    }

    String fsStore(String name, Path directory) {
        return create("/v1/stores", fields("name", name, "summary", "objects of " + name, "plugin", "fs",
                "endpoint", Map.of("path", directory.toString())));
    }

    /** An s3 store over {@code s3}'s bucket, under the prefix "cairn". */
    String s3Store(String name, S3ProxyServer s3) {
        return create("/v1/stores", fields("name", name, "summary", "objects in S3Proxy", "plugin", "s3",
                "endpoint", Map.of("endpoint", s3.endpoint().toString(), "bucket", S3ProxyServer.BUCKET,
                        "prefix", "cairn", "access_key_id", S3ProxyServer.ACCESS_KEY,
                        "secret_access_key", S3ProxyServer.SECRET_KEY, "path_style", true)));
    }

    /** An sftp store keeping its files under {@code /backups} of {@code sftp}. */
    String sftpStore(String name, SftpServer sftp) {
        return create("/v1/stores", fields("name", name, "summary", "files on an SFTP server", "plugin", "sftp",
                "endpoint", Map.of("host", "127.0.0.1", "port", sftp.port(), "user", SftpServer.USER,
                        "password", SftpServer.PASSWORD, "path", "/backups", "host_key", sftp.hostKeyFingerprint())));
    }

    String schedule(String name, String when) {
        return create("/v1/schedules", fields("name", name, "summary", "runs " + when, "when", when));
    }

    String retention(String name, long expires) {
        return create("/v1/retention", fields("name", name, "summary", "keeps " + expires + "s", "expires", expires));
    }

    String job(String name, String target, String store, String schedule, String retention) {
        return create("/v1/jobs", fields("name", name, "summary", "backs up " + name, "target", target, "store", store,
                "schedule", schedule, "retention", retention, "paused", false));
    }

    /** Runs a job now through the API and returns its task once it has ended. */
    JsonNode runJob(String job) {
        JsonNode reply = post("/v1/job/" + job + "/run", fields("owner", "tester")).expect(200).json();
        assertThat(reply.path("ok").stringValue()).isEqualTo("scheduled");
        return awaitTask(reply.path("task_uuid").stringValue());
    }

    /** Polls {@code GET /v1/task/{uuid}} until the task has ended, and returns it. */
    JsonNode awaitTask(String task) {
        return await("task " + task + " to end").atMost(TASK_TIMEOUT).pollInterval(Duration.ofMillis(100))
                .until(() -> get("/v1/task/" + task).expect(200).json(),
                        t -> FINISHED.contains(t.path("status").stringValue()));
    }

    /** Like {@link #awaitTask}, and fails with the task's log unless it ended as done. */
    JsonNode awaitDone(String task) {
        JsonNode ended = awaitTask(task);
        assertThat(ended.path("status").stringValue()).as("status of task %s, whose log is:%n%s", task,
                ended.path("log").stringValue()).isEqualTo("done");
        return ended;
    }

    /** The JSON object a JSON-encoded endpoint string holds. */
    static JsonNode endpoint(JsonNode item, String field) {
        JsonNode text = item.path(field);
        assertThat(text.isString()).as("%s of %s is a JSON-encoded string", field, item).isTrue();
        return JSON.readTree(text.stringValue());
    }

    /** An ordered map of alternating names and values, for request bodies. */
    static Map<String, Object> fields(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return fields;
    }

    /** A copy of {@code body} without {@code name}. */
    static Map<String, Object> without(Map<String, Object> body, String name) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.remove(name);
        return copy;
    }

    /** A copy of {@code body} with {@code name} set to {@code value}. */
    static Map<String, Object> with(Map<String, Object> body, String name, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(body);
        copy.put(name, value);
        return copy;
    }

    @Override
    public void close() {
        try {
            server.close();
            http.close();
        } finally {
            cairn.close();
        }
    }
}
