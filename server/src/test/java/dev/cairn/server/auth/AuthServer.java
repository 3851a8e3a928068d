package dev.cairn.server.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cairn.core.Cairn;
import dev.cairn.server.ServerConfig;
import dev.cairn.server.api.ApiServer;
import dev.cairn.server.web.WebUi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.LoggerFactory;

/**
 * A real core with the API and the web UI, wired as {@code cairn server} wires them from a TOML
 * config file (as {@code --config} reads it), on a free loopback port; schedules do not fire by
 * themselves. HTTP clients on 127.0.0.1 (or another loopback address) follow no redirect; the
 * sign-in's log lines are kept.
 */
final class AuthServer implements AutoCloseable {
    static final String TOKEN = "auth-test-token-41c9";

    static {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }

    private final Cairn cairn;
    private final ApiServer server;
    private final HttpClient client;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    private AuthServer(Cairn cairn, ApiServer server) {
        this.cairn = cairn;
        this.server = server;
        this.client = client("127.0.0.1");
        log.start();
        ((Logger) LoggerFactory.getLogger(Authenticator.class)).addAppender(log);
    }

    /** Starts a server with data in {@code root/data} and {@code toml} as its config file. */
    static AuthServer start(Path root, String toml, Map<String, String> environment, Clock clock) {
        return start(root, toml, environment, clock, null);
    }

    /** Like {@link #start(Path, String, Map, Clock)}, on the catalog at {@code catalogUrl} (null: SQLite in the data directory). */
    static AuthServer start(Path root, String toml, Map<String, String> environment, Clock clock, String catalogUrl) {
        Path file;
        try {
            file = Files.writeString(root.resolve("cairn.toml"), toml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServerConfig config = ServerConfig.from(root.resolve("data"), "127.0.0.1:0", catalogUrl, file, false, environment);
        Cairn cairn = Cairn.start(config.coreSettings().withScheduling(false, Duration.ofSeconds(15)), clock);
        try {
            Authenticator authenticator = Authenticator.of(cairn, config.auth());
            return new AuthServer(cairn, ApiServer.start(cairn, "127.0.0.1", 0, TOKEN, new WebUi(cairn, TOKEN, authenticator),
                    authenticator));
        } catch (RuntimeException e) {
            cairn.close();
            throw e;
        }
    }

    /** A client whose connections come from {@code address} (a loopback one: 127.0.0.2 is another client). */
    static HttpClient client(String address) {
        try {
            return HttpClient.newBuilder().localAddress(InetAddress.getByName(address))
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Cairn cairn() {
        return cairn;
    }

    int port() {
        return server.port();
    }

    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    /** {@code GET path} with HTTP Basic {@code user:password}. */
    HttpResponse<String> basic(String path, String user, String password) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Authorization", "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8))).GET());
    }

    /** Posts the login form with {@code fields}. */
    HttpResponse<String> login(Map<String, String> fields) {
        String form = fields.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(HttpRequest.newBuilder(URI.create(url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    /** {@code GET path} with the session cookie {@code cookie} (as {@code name=value}). */
    HttpResponse<String> page(String path, String cookie) {
        return send(HttpRequest.newBuilder(URI.create(url(path))).header("Cookie", cookie).GET());
    }

    /** The session cookie ({@code name=value}) a login answer set. */
    static String cookie(HttpResponse<String> login) {
        String header = login.headers().firstValue("Set-Cookie").orElseThrow();
        return header.substring(0, header.indexOf(';'));
    }

    HttpResponse<String> send(HttpRequest.Builder request) {
        return send(client, request);
    }

    static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The sign-in's log lines so far, formatted. */
    List<String> logLines() {
        return log.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).toList();
    }

    @Override
    public void close() {
        ((Logger) LoggerFactory.getLogger(Authenticator.class)).detachAppender(log);
        client.close();
        try {
            server.close();
        } finally {
            cairn.close();
        }
    }
}
