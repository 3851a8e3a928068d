package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.catalog.Usage;
import dev.cairn.server.service.CatalogInput;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The web UI's doors, over plain HTTP as an attacker or a lost browser would knock: no page without
 * a session, no change from a form posted by another site or without the session's token, the
 * session cookie's flags, and the API beside it answering as before.
 */
class WebUiSecurityTest {
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
    @TempDir
    static Path root;
    static WebFixture web;
    static HttpClient http;

    @BeforeAll
    static void start() {
        web = WebFixture.start(root);
        http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    static void stop() {
        http.close();
        web.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/jobs", "/archives?store=x", "/tasks", "/targets/new", "/schedules/check?when=daily",
            "/tasks/00000000-0000-0000-0000-000000000000/log", "/jobs/copies?store=x", "/no-such-page"})
    void pagesWithoutASessionRedirectToLogin(String page) {
        HttpResponse<String> response = send("GET", page, null, Map.of());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/login?next="
                + URLEncoder.encode(page.replaceAll("\\?.*", ""), StandardCharsets.UTF_8));
    }

    @Test
    void theDashboardWithoutASessionRedirectsToLogin() {
        HttpResponse<String> response = send("GET", "/", null, Map.of());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/login");
        assertThat(send("GET", "/", null, Map.of("Cookie", Sessions.COOKIE + "=made-up")).statusCode()).isEqualTo(302);
    }

    @Test
    void aPostWithoutASessionChangesNothing() {
        HttpResponse<String> response = send("POST", "/retention", form(Map.of("name", "anonymous", "expires", "2", "unit", "days")),
                Map.of());
        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValue("/login");
        assertThat(policyNames()).doesNotContain("anonymous");
    }

    @Test
    void pagesSayWhereTheirScriptsAndStylesMayComeFrom() {
        HttpResponse<String> login = send("GET", "/login", null, Map.of());
        assertThat(login.headers().firstValue("Content-Security-Policy")).hasValue(WebUi.CONTENT_SECURITY_POLICY);
        assertThat(WebUi.CONTENT_SECURITY_POLICY).contains("script-src 'self'", "style-src 'self'", "frame-ancestors 'none'")
                .doesNotContain("unsafe");
        assertThat(login.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
        assertThat(login.body()).doesNotContain(" style=\"", " onclick=", " onchange=", "javascript:");
        // the API answers JSON, and is left alone
        assertThat(send("GET", "/v1/status", null, Map.of()).headers().firstValue("Content-Security-Policy")).isEmpty();
    }

    @Test
    void theLoginPageAndStaticFilesNeedNoSession() {
        assertThat(send("GET", "/login", null, Map.of()).body()).contains("name=\"token\"");
        assertThat(send("GET", "/static/cairn.css", null, Map.of()).statusCode()).isEqualTo(200);
        assertThat(send("GET", "/static/cairn.js", null, Map.of()).statusCode()).isEqualTo(200);
        HttpResponse<String> htmx = send("GET", "/webjars/htmx.org/2.0.10/dist/htmx.min.js", null, Map.of());
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("htmx");
    }

    @Test
    void aWrongTokenGetsNoSession() {
        HttpResponse<String> response = send("POST", "/login", form(Map.of("token", "guess")), Map.of());
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.body()).contains("That token is not valid");
        assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
    }

    @Test
    void theSessionCookieIsHttpOnlyAndStrictlySameSite() {
        HttpResponse<String> response = send("POST", "/login", form(Map.of("token", WebFixture.TOKEN, "next", "//evil.example/")),
                Map.of());
        assertThat(response.statusCode()).isEqualTo(303);
        // an open redirect elsewhere is not followed
        assertThat(response.headers().firstValue("Location")).hasValue("/");
        String cookie = response.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(cookie).startsWith(Sessions.COOKIE + "=").contains("HttpOnly", "SameSite=Strict", "Path=/")
                .doesNotContain("Secure");
        // 256 random bits, base64url without padding
        assertThat(cookie.substring(Sessions.COOKIE.length() + 1, cookie.indexOf(';'))).matches("[A-Za-z0-9_-]{43}");
    }

    @Test
    void aFormFromAnotherSiteIsRefusedEvenWithTheSessionAndToken() {
        LoggedIn user = logIn();
        Map<String, String> fields = Map.of("_csrf", user.csrf, "name", "forged", "expires", "2", "unit", "days");
        HttpResponse<String> byOrigin = send("POST", "/retention", form(fields),
                Map.of("Cookie", user.cookie, "Origin", "http://evil.example"));
        assertThat(byOrigin.statusCode()).isEqualTo(403);
        assertThat(byOrigin.body()).contains("sent from another site");
        HttpResponse<String> byFetchSite = send("POST", "/retention", form(fields),
                Map.of("Cookie", user.cookie, "Sec-Fetch-Site", "cross-site"));
        assertThat(byFetchSite.statusCode()).isEqualTo(403);
        assertThat(policyNames()).doesNotContain("forged");
    }

    @Test
    void aFormWithoutTheSessionsTokenIsRefused() {
        LoggedIn user = logIn();
        HttpResponse<String> missing = send("POST", "/retention", form(Map.of("name", "tokenless", "expires", "2", "unit", "days")),
                Map.of("Cookie", user.cookie, "Origin", "http://127.0.0.1:" + web.port()));
        assertThat(missing.statusCode()).isEqualTo(403);
        assertThat(missing.body()).contains("reload the page");
        HttpResponse<String> wrong = send("POST", "/retention",
                form(Map.of("_csrf", "x" + user.csrf, "name", "tokenless", "expires", "2", "unit", "days")),
                Map.of("Cookie", user.cookie));
        assertThat(wrong.statusCode()).isEqualTo(403);
        assertThat(policyNames()).doesNotContain("tokenless");
    }

    @Test
    void aSameSiteFormWithTheTokenIsAccepted() {
        LoggedIn user = logIn();
        HttpResponse<String> response = send("POST", "/retention",
                form(Map.of("_csrf", user.csrf, "name", "accepted", "expires", "2", "unit", "days")),
                Map.of("Cookie", user.cookie, "Origin", "http://127.0.0.1:" + web.port(), "Sec-Fetch-Site", "same-origin"));
        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(policyNames()).contains("accepted");
        // htmx sends the token as a header
        HttpResponse<String> htmx = send("POST", "/retention", form(Map.of("name", "by htmx", "expires", "3", "unit", "hours")),
                Map.of("Cookie", user.cookie, RequestGuard.CSRF_HEADER, user.csrf));
        assertThat(htmx.statusCode()).isEqualTo(303);
        assertThat(policyNames()).contains("by htmx");
    }

    @Test
    void theStoresPageShowsWhatFailedBackupsLeftForTheSweepToRemove() throws Exception {
        LoggedIn user = logIn();
        UUID store = UUID.randomUUID();
        web.cairn().catalog().stores().insert(new CatalogInput(web.cairn()).store(store, "flaky", "", "fs",
                Map.of("path", java.nio.file.Files.createDirectories(root.resolve("flaky")).toString()), null));
        web.cairn().catalog().orphans().recordFailure(store, "db/2026-11-21/a.postgres.zst.age", UUID.randomUUID(),
                "store unreachable", java.time.Instant.parse("2026-11-21T04:00:00Z"));

        assertThat(send("GET", "/stores", null, Map.of("Cookie", user.cookie)).body())
                .contains("1 leftover of failed backups to remove once the store answers");
    }

    @Test
    void aStoreIsTestedOnlyWithTheSessionsToken() throws Exception {
        LoggedIn user = logIn();
        UUID store = UUID.randomUUID();
        web.cairn().catalog().stores().insert(new CatalogInput(web.cairn()).store(store, "tested", "", "fs",
                Map.of("path", java.nio.file.Files.createDirectories(root.resolve("tested")).toString()), null));
        HttpResponse<String> tokenless = send("POST", "/stores/" + store + "/test", form(Map.of()), Map.of("Cookie", user.cookie));
        assertThat(tokenless.statusCode()).isEqualTo(403);
        assertThat(web.cairn().catalog().stores().health(store).healthy()).as("not tested").isNull();

        // htmx gets the store's health to swap in; a plain form goes back to the list
        HttpResponse<String> htmx = send("POST", "/stores/" + store + "/test", form(Map.of()),
                Map.of("Cookie", user.cookie, RequestGuard.CSRF_HEADER, user.csrf, "HX-Request", "true"));
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).contains("healthy").doesNotContain("<html");
        HttpResponse<String> plain = send("POST", "/stores/" + store + "/test", form(Map.of("_csrf", user.csrf)),
                Map.of("Cookie", user.cookie));
        assertThat(plain.statusCode()).isEqualTo(303);
        assertThat(plain.headers().firstValue("Location")).hasValue("/stores");
        assertThat(web.cairn().catalog().stores().health(store).healthy()).isTrue();
    }

    @Test
    void aTargetFormTestsWhatItHoldsOnlyWithTheSessionsTokenAndSavesNothing() throws Exception {
        LoggedIn user = logIn();
        Path present = java.nio.file.Files.createDirectories(root.resolve("to-test"));
        Path missing = present.resolve("not-there");
        Map<String, String> typed = Map.of("name", "typed", "plugin", "fs", "endpoint.path", missing.toString());
        HttpResponse<String> tokenless = send("POST", "/targets/new/test", form(typed), Map.of("Cookie", user.cookie));
        assertThat(tokenless.statusCode()).isEqualTo(403);

        // htmx gets the outcome to swap in beside the button, always as a 200 (htmx swaps in nothing else)
        HttpResponse<String> htmx = send("POST", "/targets/new/test", form(typed),
                Map.of("Cookie", user.cookie, RequestGuard.CSRF_HEADER, user.csrf, "HX-Request", "true"));
        assertThat(htmx.statusCode()).isEqualTo(200);
        assertThat(htmx.body()).doesNotContain("<html").contains("Does not connect:")
                .contains("directory " + missing + " does not exist");
        HttpResponse<String> good = send("POST", "/targets/new/test",
                form(Map.of("plugin", "fs", "endpoint.path", present.toString())),
                Map.of("Cookie", user.cookie, RequestGuard.CSRF_HEADER, user.csrf, "HX-Request", "true"));
        assertThat(good.body()).contains("Connects:").contains("directory " + present + " can be read");

        // a plain form post gets the form again, with what was typed and the outcome
        Map<String, String> plainFields = new LinkedHashMap<>(typed);
        plainFields.put("_csrf", user.csrf);
        HttpResponse<String> plain = send("POST", "/targets/new/test", form(plainFields), Map.of("Cookie", user.cookie));
        assertThat(plain.statusCode()).isEqualTo(422);
        assertThat(plain.body()).contains("<html", "id=\"item-form\"", "value=\"" + missing + "\"",
                "directory " + missing + " does not exist");
        assertThat(web.cairn().catalog().targets().list(null, Usage.ANY)).as("nothing saved").isEmpty();

        // a saved target's form tests at its own path
        UUID saved = UUID.randomUUID();
        web.cairn().catalog().targets().insert(new CatalogInput(web.cairn()).target(saved, "saved files", "", "fs",
                Map.of("path", present.toString()), "", null));
        HttpResponse<String> edited = send("POST", "/targets/" + saved + "/test",
                form(Map.of("_csrf", user.csrf, "name", "saved files", "plugin", "fs", "endpoint.path", missing.toString())),
                Map.of("Cookie", user.cookie));
        assertThat(edited.statusCode()).isEqualTo(422);
        assertThat(edited.body()).contains("Target saved files", "directory " + missing + " does not exist");
        web.cairn().catalog().targets().delete(saved);
    }

    @Test
    void aNewTargetsFormStartsOnThePluginTheUserPicks() {
        LoggedIn user = logIn();
        String unchosen = send("GET", "/targets/new", null, Map.of("Cookie", user.cookie)).body();
        assertThat(unchosen).contains("<option value=\"\" selected disabled>Choose what to back up…</option>")
                .contains("Choose the plugin first").doesNotContain("name=\"endpoint.path\"")
                .doesNotContain("value=\"fs\" selected");
        String postgres = send("GET", "/targets/new?plugin=postgres", null, Map.of("Cookie", user.cookie)).body();
        assertThat(postgres).contains("<option value=\"postgres\" selected>").contains("name=\"endpoint.password\"")
                .doesNotContain("Choose what to back up");
        // creating without a plugin says so, and the form stays without one
        HttpResponse<String> refused = send("POST", "/targets", form(Map.of("_csrf", user.csrf, "name", "no plugin")),
                Map.of("Cookie", user.cookie));
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("plugin").contains("Choose what to back up");
    }

    @Test
    void loggingOutEndsTheSession() {
        LoggedIn user = logIn();
        assertThat(send("GET", "/jobs", null, Map.of("Cookie", user.cookie)).statusCode()).isEqualTo(200);
        HttpResponse<String> out = send("POST", "/logout", form(Map.of("_csrf", user.csrf)), Map.of("Cookie", user.cookie));
        assertThat(out.statusCode()).isEqualTo(303);
        assertThat(out.headers().firstValue("Set-Cookie").orElseThrow()).contains("Max-Age=0");
        assertThat(send("GET", "/jobs", null, Map.of("Cookie", user.cookie)).statusCode()).isEqualTo(302);
    }

    @Test
    void errorsAreHtmlInTheUiAndJsonInTheApi() {
        LoggedIn user = logIn();
        HttpResponse<String> page = send("GET", "/jobs/" + UUID.randomUUID(), null, Map.of("Cookie", user.cookie));
        assertThat(page.statusCode()).isEqualTo(404);
        assertThat(page.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(page.body()).contains("no job");
        HttpResponse<String> unknown = send("GET", "/no-such-page", null, Map.of("Cookie", user.cookie));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("<html");

        HttpResponse<String> api = send("GET", "/v1/targets", null, Map.of("Cookie", user.cookie));
        assertThat(api.statusCode()).as("a session cookie is no API token").isEqualTo(401);
        assertThat(api.body()).startsWith("{\"error\"");
        HttpResponse<String> apiMissing = send("GET", "/v1/job/" + UUID.randomUUID(), null,
                Map.of("Authorization", "Bearer " + WebFixture.TOKEN));
        assertThat(apiMissing.statusCode()).isEqualTo(404);
        assertThat(apiMissing.body()).startsWith("{\"error\"");
        assertThat(send("GET", "/v1/nothing-here", null, Map.of("Authorization", "Bearer " + WebFixture.TOKEN)).body())
                .startsWith("{\"error\"");
    }

    private record LoggedIn(String cookie, String csrf) {
    }

    private static LoggedIn logIn() {
        HttpResponse<String> login = send("POST", "/login", form(Map.of("token", WebFixture.TOKEN)), Map.of());
        assertThat(login.statusCode()).isEqualTo(303);
        String setCookie = login.headers().firstValue("Set-Cookie").orElseThrow();
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));
        Matcher csrf = CSRF.matcher(send("GET", "/", null, Map.of("Cookie", cookie)).body());
        assertThat(csrf.find()).as("a form token on the dashboard").isTrue();
        return new LoggedIn(cookie, csrf.group(1));
    }

    private static java.util.List<String> policyNames() {
        return web.cairn().catalog().retention().list(Usage.ANY).stream().map(p -> p.name()).toList();
    }

    private static String form(Map<String, String> fields) {
        return new LinkedHashMap<>(fields).entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static HttpResponse<String> send(String method, String path, String formBody, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.url(path))).timeout(Duration.ofSeconds(20))
                .method(method, formBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(formBody));
        if (formBody != null) {
            request.header("Content-Type", "application/x-www-form-urlencoded");
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(method + " " + path, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
