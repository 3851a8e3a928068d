package dev.cairn.server.auth;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerConfig;
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
 * A real {@code cairn server} started from a TOML config file (as {@code --config} reads it) on a
 * free loopback port, with an HTTP client that follows no redirect, and the sign-in's log lines.
 */
final class AuthServer implements AutoCloseable {
    static final String TOKEN = "auth-test-token-41c9";

    static {
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }

    private final CairnServer server;
    private final HttpClient client;
    private final ListAppender<ILoggingEvent> log = new ListAppender<>();

    private AuthServer(CairnServer server, HttpClient client) {
        this.server = server;
        this.client = client;
        log.start();
        ((Logger) LoggerFactory.getLogger(Authenticator.class)).addAppender(log);
    }

    /** Starts a server with data in {@code root/data} and {@code toml} as its config file. */
    static AuthServer start(Path root, String toml, Map<String, String> environment, Clock clock) {
        try {
            Path file = Files.writeString(root.resolve("cairn.toml"), toml);
            ServerConfig config = ServerConfig.from(root.resolve("data"), "127.0.0.1:0", null, file, false, environment);
            HttpClient client = HttpClient.newBuilder().localAddress(InetAddress.getByName("127.0.0.1"))
                    .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
            return new AuthServer(CairnServer.start(config, TOKEN, clock), client);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CairnServer server() {
        return server;
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
        server.close();
    }
}
