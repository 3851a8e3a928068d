package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A logged-in browser without the browser: a session cookie from the login form and the session's
 * form token, posting url-encoded forms as a page would and following no redirect.
 */
final class FormClient implements AutoCloseable {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    private final WebFixture web;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10)).build();
    private String cookie;
    private String csrf;

    private FormClient(WebFixture web) {
        this.web = web;
    }

    /** Logs in to {@code web} with its API token, as the login page does. */
    static FormClient logIn(WebFixture web) {
        return logIn(web, WebFixture.TOKEN);
    }

    /** Logs in to {@code web} with {@code token}, any user's API token, through the token form of the login page. */
    static FormClient logIn(WebFixture web, String token) {
        FormClient client = new FormClient(web);
        HttpResponse<String> login = client.send("POST", "/login", Map.of("token", token));
        assertThat(login.statusCode()).as("login").isEqualTo(303);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        client.cookie = setCookie.substring(0, setCookie.indexOf(';'));
        Matcher csrf = CSRF.matcher(client.get("/").body());
        assertThat(csrf.find()).as("a form token on the dashboard").isTrue();
        client.csrf = csrf.group(1);
        return client;
    }

    HttpResponse<String> get(String path) {
        return send("GET", path, null);
    }

    /** {@code GET path} with the session, its body as bytes (a download). */
    HttpResponse<byte[]> bytes(String path) {
        return bytes(HttpRequest.newBuilder(URI.create(web.url(path))).header("Cookie", cookie), path);
    }

    /** {@code GET path} of the API with {@code token} as the bearer, its body as bytes. */
    HttpResponse<byte[]> apiBytes(String path, String token) {
        return bytes(HttpRequest.newBuilder(URI.create(web.url(path))).header("Authorization", "Bearer " + token), path);
    }

    private HttpResponse<byte[]> bytes(HttpRequest.Builder request, String path) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(20)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code GET path} of the API beside the UI, with the API token rather than the session. */
    HttpResponse<String> api(String path) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(web.url(path))).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + WebFixture.TOKEN).GET().build();
        return exchange(request, "GET " + path);
    }

    /** {@code GET path} of the API with {@code token} as the bearer, without the session. */
    HttpResponse<String> api(String path, String token) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(web.url(path))).timeout(Duration.ofSeconds(20))
                .header("Authorization", "Bearer " + token).GET().build();
        return exchange(request, "GET " + path);
    }

    /** Posts {@code fields} (in their order) with the session's form token. */
    HttpResponse<String> post(String path, Map<String, String> fields) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("_csrf", csrf);
        all.putAll(fields);
        return send("POST", path, all);
    }

    private HttpResponse<String> send(String method, String path, Map<String, String> fields) {
        String body = fields == null ? null : fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.url(path))).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return exchange(request.build(), method + " " + path);
    }

    private HttpResponse<String> exchange(HttpRequest request, String what) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(what, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        http.close();
    }
}
