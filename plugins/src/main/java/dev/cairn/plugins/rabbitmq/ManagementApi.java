package dev.cairn.plugins.rabbitmq;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.TaskContext;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The definitions endpoint of one RabbitMQ management API: {@code GET /api/definitions} exports
 * them, {@code POST /api/definitions} imports them, for the whole broker or, with a vhost, for that
 * vhost alone ({@code /api/definitions/<vhost>}). Bodies stream through; nothing is parsed.
 */
final class ManagementApi {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    // until the response headers arrive: an import answers only once every definition is applied
    private static final Duration EXPORT_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration IMPORT_TIMEOUT = Duration.ofMinutes(30);
    private static final int ERROR_BODY_LIMIT = 4096;
    private static final Pattern REASON = Pattern.compile("\"reason\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final URI base;
    private final String user;
    private final String password;
    private final Optional<String> vhost;

    private ManagementApi(URI base, String user, String password, Optional<String> vhost) {
        this.base = base;
        this.user = user;
        this.password = password;
        this.vhost = vhost;
    }

    static ManagementApi from(Endpoint endpoint) {
        String url = endpoint.require("url").trim().replaceAll("/+$", "");
        URI base;
        try {
            base = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw new PluginException("rabbitmq endpoint field 'url' is not a URL: " + url);
        }
        if ((!"http".equals(base.getScheme()) && !"https".equals(base.getScheme())) || base.getHost() == null) {
            throw new PluginException("rabbitmq endpoint field 'url' must be the management API's http(s) base,"
                    + " such as http://127.0.0.1:15672, got " + url);
        }
        if (base.getUserInfo() != null) {
            throw new PluginException("rabbitmq endpoint field 'url' must not hold credentials: use 'user' and 'password'");
        }
        return new ManagementApi(base, endpoint.require("user"), endpoint.require("password"),
                endpoint.string("vhost").filter(name -> !name.isEmpty()));
    }

    /** The password, for the task to redact. */
    /** The management API's base URL. */
    URI base() {
        return base;
    }

    String password() {
        return password;
    }

    /** Writes the definitions as RabbitMQ's JSON to {@code out}. */
    void exportDefinitions(OutputStream out, TaskContext context) throws IOException {
        HttpRequest request = request(EXPORT_TIMEOUT).header("Accept", "application/json").GET().build();
        try (HttpClient client = client()) {
            HttpResponse<InputStream> response = send(client, request);
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw failure(response.statusCode(), body);
                }
                String type = response.headers().firstValue("Content-Type").orElse("");
                if (!type.contains("json")) {
                    throw new PluginException(base + " answered with " + (type.isEmpty() ? "no content type" : type)
                            + ", not JSON: is 'url' the RabbitMQ management API, such as http://host:15672?");
                }
                long bytes = body.transferTo(out);
                context.log("exported " + bytes + " bytes of definitions " + scope() + " from " + base);
            }
        }
    }

    /** Posts the definitions read from {@code in}, to its end; RabbitMQ adds or updates what they describe. */
    void importDefinitions(InputStream in, TaskContext context) throws IOException {
        HttpRequest request = request(IMPORT_TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new KeptOpen(in)))
                .build();
        try (HttpClient client = client()) {
            HttpResponse<InputStream> response = send(client, request);
            try (InputStream body = response.body()) {
                if (response.statusCode() / 100 != 2) {
                    throw failure(response.statusCode(), body);
                }
            }
            context.log("imported the definitions " + scope() + " into " + base);
        }
    }

    private HttpRequest.Builder request(Duration timeout) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return HttpRequest.newBuilder(definitionsUri())
                .timeout(timeout)
                .header("Authorization", "Basic " + credentials);
    }

    private URI definitionsUri() {
        String path = "/api/definitions"
                + vhost.map(name -> "/" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20")).orElse("");
        return URI.create(base + path);
    }

    private static HttpClient client() {
        // HTTP/1.1: over plain http an HTTP/2 client tries an h2c upgrade, which RabbitMQ's server drops on a POST body
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    private HttpResponse<InputStream> send(HttpClient client, HttpRequest request) throws IOException {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException e) {
            throw new PluginException("cannot reach the RabbitMQ management API at " + base + ": no connection within "
                    + CONNECT_TIMEOUT.toSeconds() + " s", e);
        } catch (HttpTimeoutException e) {
            throw new PluginException("the RabbitMQ management API at " + base + " did not answer within "
                    + request.timeout().orElseThrow().toSeconds() + " s", e);
        } catch (ConnectException e) {
            throw new PluginException("cannot reach the RabbitMQ management API at " + base + ": "
                    + (e.getMessage() == null ? "connection refused" : e.getMessage())
                    + " (is the rabbitmq_management plugin enabled?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PluginException("interrupted while talking to the RabbitMQ management API at " + base, e);
        }
    }

    /** One line for a refused request, with RabbitMQ's own reason when it gave one. */
    private PluginException failure(int status, InputStream body) throws IOException {
        String text = new String(body.readNBytes(ERROR_BODY_LIMIT), StandardCharsets.UTF_8);
        Matcher reason = REASON.matcher(text);
        String why = reason.find() ? reason.group(1).replace("\\\"", "\"").replaceAll("\\s+", " ") : "no reason given";
        String message;
        if (status == 401) {
            message = "the RabbitMQ management API at " + base + " refused user '" + user + "': " + why;
        } else if (vhost.isPresent() && (status == 404 || why.contains("vhost_not_found"))) {
            message = "vhost '" + vhost.get() + "' does not exist at " + base + ": " + why;
        } else if (status == 404) {
            message = base + " has no /api/definitions: is 'url' the RabbitMQ management API, such as http://host:15672?";
        } else {
            message = "the RabbitMQ management API at " + base + " refused the definitions " + scope() + ": " + why;
        }
        return new PluginException(message + " (HTTP " + status + ")");
    }

    private String scope() {
        return vhost.map(name -> "of vhost '" + name + "'").orElse("of the whole broker");
    }

    /** Lets the HTTP client close its view of the restore stream without closing the caller's stream. */
    private static final class KeptOpen extends FilterInputStream {
        KeptOpen(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the caller owns the stream
        }
    }
}
