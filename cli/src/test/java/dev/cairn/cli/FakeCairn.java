package dev.cairn.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A hand-written stand-in for Cairn's HTTP API on a free loopback port: each route answers what
 * the test tells it to, every request is recorded, and an unknown route answers 404 the way the
 * real server does.
 */
final class FakeCairn implements AutoCloseable {

    record Request(String method, String path, Map<String, String> query, String body, String authorization) {

        JsonNode json() {
            return JsonMapper.shared().readTree(body);
        }

        /** "GET /v1/targets?plugin=fs&unused=t", parameters sorted, as a test compares it. */
        String line() {
            if (query.isEmpty()) {
                return method + " " + path;
            }
            return method + " " + path + "?" + new TreeMap<>(query).entrySet().stream()
                    .map(entry -> entry.getKey() + "=" + entry.getValue())
                    .collect(Collectors.joining("&"));
        }
    }

    record Reply(int status, String body, Map<String, String> headers) {

        Reply(int status, String body) {
            this(status, body, Map.of());
        }

        static Reply ok(String json) {
            return new Reply(200, json);
        }
    }

    private final HttpServer server;
    private final Map<String, Function<Request, Reply>> routes = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    private FakeCairn(HttpServer server) {
        this.server = server;
    }

    static FakeCairn start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeCairn fake = new FakeCairn(server);
            server.createContext("/", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code method path} (query ignored) with 200 and {@code json}. */
    FakeCairn on(String method, String path, String json) {
        return on(method, path, request -> Reply.ok(json));
    }

    FakeCairn on(String method, String path, Function<Request, Reply> handler) {
        routes.put(method + " " + path, handler);
        return this;
    }

    List<Request> requests() {
        return List.copyOf(requests);
    }

    List<String> requestLines() {
        return requests.stream().map(Request::line).toList();
    }

    Request only(String method, String path) {
        List<Request> matching = requests.stream()
                .filter(request -> request.method().equals(method) && request.path().equals(path))
                .toList();
        if (matching.size() != 1) {
            throw new AssertionError("expected one " + method + " " + path + ", got " + requestLines());
        }
        return matching.getFirst();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    query(exchange.getRequestURI().getRawQuery()),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8),
                    exchange.getRequestHeaders().getFirst("Authorization"));
            requests.add(request);
            Function<Request, Reply> route = routes.get(request.method() + " " + request.path());
            Reply reply = route == null
                    ? new Reply(404, "{\"error\":\"no such route: " + request.method() + " " + request.path() + "\"}")
                    : route.apply(request);
            byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            reply.headers().forEach(exchange.getResponseHeaders()::add);
            exchange.sendResponseHeaders(reply.status(), body.length == 0 ? -1 : body.length);
            exchange.getResponseBody().write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return query;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            query.put(URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
        }
        return query;
    }
}
