package dev.cairn.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A client of Cairn's HTTP API v1 that returns the parsed JSON reply of each call and turns
 * every failure (an error status, an unreachable server, a reply that is not JSON) into a
 * {@link CliException} whose message is ready to show.
 */
final class CairnApi implements AutoCloseable {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofMinutes(2);

    private final Connection connection;
    private final JsonMapper json;
    private final HttpClient http;

    CairnApi(Connection connection, JsonMapper json) {
        this.connection = connection;
        this.json = json;
        // HTTP/1.1 outright: the server speaks it, and it spares every call an h2c upgrade attempt.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .build();
    }

    /** The server this client talks to. */
    URI url() {
        return connection.url();
    }

    JsonNode get(String path) {
        return send("GET", path, null);
    }

    JsonNode post(String path, JsonNode body) {
        return send("POST", path, body);
    }

    JsonNode put(String path, JsonNode body) {
        return send("PUT", path, body);
    }

    JsonNode delete(String path) {
        return send("DELETE", path, null);
    }

    /** Reads a list reply as its elements; anything but a JSON array is a failure. */
    List<JsonNode> list(ApiPath path) {
        return page(path).items();
    }

    /** One page of a list, and how many items the whole list holds when the server says ({@code X-Total-Count}). */
    record Page(List<JsonNode> items, Long total) {
    }

    /** Reads a list reply as {@link #list} does, with the total the server gives in {@code X-Total-Count}. */
    Page page(ApiPath path) {
        HttpResponse<String> response = sendForResponse("GET", path.toString(), null);
        JsonNode reply = checked("GET", path.toString(), response);
        if (!reply.isArray()) {
            throw new CliException("GET " + path + " answered with " + kindOf(reply) + " where a list was expected");
        }
        List<JsonNode> items = new ArrayList<>(reply.size());
        reply.forEach(items::add);
        Long total = response.headers().firstValue("X-Total-Count").map(text -> {
            try {
                return Long.valueOf(text.strip());
            } catch (NumberFormatException e) {
                return null;
            }
        }).orElse(null);
        return new Page(items, total);
    }

    @Override
    public void close() {
        http.close();
    }

    /**
     * GETs {@code path} as a stream, with {@code headers}; an error status is read and thrown as a
     * {@link CliException} with the server's message. The caller closes the body.
     */
    HttpResponse<java.io.InputStream> stream(String path, java.util.Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(connection.url() + path)).GET();
        if (connection.authorization() != null) {
            request.header("Authorization", connection.authorization());
        }
        headers.forEach(request::header);
        HttpResponse<java.io.InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException("cannot reach Cairn at " + connection.url()
                    + " (is the server running? start one with ./cairn dev)", e);
        } catch (IOException e) {
            throw new CliException("talking to Cairn at " + connection.url() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for Cairn at " + connection.url(), e);
        }
        if (response.statusCode() >= 400) {
            String body;
            try (var in = response.body()) {
                body = new String(in.readNBytes(64 * 1024), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                body = "";
            }
            throw new CliException(errorMessage("GET", path, response.statusCode(), parse(body)), response.statusCode());
        }
        return response;
    }

    private JsonNode send(String method, String path, JsonNode body) {
        return checked(method, path, sendForResponse(method, path, body));
    }

    private HttpResponse<String> sendForResponse(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(connection.url() + path))
                .timeout(REQUEST_TIMEOUT)
                .header("Accept", "application/json");
        if (connection.authorization() != null) {
            request.header("Authorization", connection.authorization());
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)));
        }
        return exchange(request.build());
    }

    private JsonNode checked(String method, String path, HttpResponse<String> response) {
        JsonNode reply = parse(response.body());
        if (response.statusCode() >= 400) {
            throw new CliException(errorMessage(method, path, response.statusCode(), reply), response.statusCode());
        }
        if (reply == null) {
            throw new CliException(method + " " + path + " answered " + response.statusCode()
                    + " with a body that is not JSON");
        }
        return reply;
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException("cannot reach Cairn at " + connection.url()
                    + " (is the server running? start one with ./cairn dev)", e);
        } catch (HttpTimeoutException e) {
            throw new CliException("Cairn at " + connection.url() + " did not answer "
                    + request.method() + " " + request.uri().getRawPath() + " within " + REQUEST_TIMEOUT.toMinutes()
                    + " minutes", e);
        } catch (IOException e) {
            throw new CliException("talking to Cairn at " + connection.url() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("interrupted while waiting for Cairn at " + connection.url(), e);
        }
    }

    /** The parsed body, an empty object for an empty body, or null when the body is not JSON. */
    private JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return json.createObjectNode();
        }
        try {
            return json.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String errorMessage(String method, String path, int status, JsonNode reply) {
        String error = reply == null ? null : Fields.text(reply, "error");
        if (error == null) {
            return method + " " + path + " failed with HTTP " + status;
        }
        JsonNode missing = reply.path("missing");
        if (missing.isArray() && !missing.isEmpty()) {
            List<String> fields = new ArrayList<>();
            missing.forEach(field -> fields.add(field.asString()));
            return error + " (missing: " + String.join(", ", fields) + ")";
        }
        return error;
    }

    private static String kindOf(JsonNode node) {
        return node.isObject() ? "an object" : "a " + node.getNodeType().name().toLowerCase(Locale.ROOT);
    }
}
