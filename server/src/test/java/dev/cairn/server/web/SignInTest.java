package dev.cairn.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.testing.SteppedClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Signing in as an attacker would try it: a login that sends the browser to another site,
 * guessing tokens by the hundred, and guessing one user's password from several addresses. Clients on 127.0.0.1 and 127.0.0.2 stand for two addresses; the
 * clock is stepped, never waited for.
 */
class SignInTest {
    @TempDir
    Path root;
    private final SteppedClock clock = new SteppedClock(Instant.parse("2026-12-02T10:00:00Z"));
    private WebFixture web;
    private HttpClient attacker;
    private HttpClient neighbour;

    @BeforeEach
    void start() throws IOException {
        web = WebFixture.start(root, clock);
        attacker = client("127.0.0.1");
        neighbour = client("127.0.0.2");
    }

    @AfterEach
    void stop() {
        attacker.close();
        neighbour.close();
        web.close();
    }

    private static HttpClient client(String address) throws IOException {
        return HttpClient.newBuilder().localAddress(InetAddress.getByName(address)).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).build();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/\t/evil.example/x", "/\n/evil.example/x", "/\r\n//evil.example", "//evil.example/x",
            "/\\evil.example/x", "\\/evil.example", "/x\\..\\..\\evil", "https://evil.example/", "evil.example",
            "javascript:alert(1)", " /jobs", "/%2F/evil.example", "/%5Cevil.example", "/%09/evil.example", "/\u2028/evil",
            "/\u200b/evil", "/\u0000", ""})
    void aLoginNeverSendsTheBrowserToAnotherSite(String next) {
        HttpResponse<String> response = login(attacker, WebFixture.TOKEN, next);

        assertThat(response.statusCode()).isEqualTo(303);
        assertThat(response.headers().firstValue("Location")).hasValue("/");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/jobs", "/archives?store=x&target=y", "/tasks/0b7e/log", "/a b"})
    void aLoginGoesOnToTheLocalPageItWasAskedFor(String next) {
        assertThat(login(attacker, WebFixture.TOKEN, next).headers().firstValue("Location")).hasValue(next);
    }

    @Test
    void wrongLoginsFromOneAddressAreRefusedForAWhileButNotOtherAddresses() {
        for (int i = 0; i < 10; i++) {
            assertThat(login(attacker, "guess-" + i, "/").statusCode()).as("wrong login %d", i + 1).isEqualTo(401);
        }

        HttpResponse<String> refused = login(attacker, WebFixture.TOKEN, "/");
        assertThat(refused.statusCode()).as("even the right token, while refused").isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("300");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("text/html"));
        assertThat(refused.body()).contains("Too many failed logins from this address. Try again in 300 s.");
        assertThat(refused.headers().firstValue("Set-Cookie")).isEmpty();
        assertThat(login(neighbour, WebFixture.TOKEN, "/").statusCode()).as("another address").isEqualTo(303);

        clock.advance(Duration.ofMinutes(4));
        assertThat(login(attacker, WebFixture.TOKEN, "/").headers().firstValue("Retry-After")).hasValue("60");
        clock.advance(Duration.ofMinutes(1));
        assertThat(login(attacker, WebFixture.TOKEN, "/").statusCode()).as("after the window").isEqualTo(303);
    }

    @Test
    void wrongTokensOnTheApiAreRefusedForAWhileButNotOtherAddresses() {
        for (int i = 0; i < 10; i++) {
            assertThat(api(attacker, "Bearer guess-" + i).statusCode()).as("wrong token %d", i + 1).isEqualTo(401);
        }

        HttpResponse<String> refused = api(attacker, "Bearer " + WebFixture.TOKEN);
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.headers().firstValue("Retry-After")).hasValue("300");
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(refused.body()).isEqualTo("{\"error\":\"too many failed sign-ins from this address; try again in 300 s\"}");
        assertThat(api(neighbour, "Bearer " + WebFixture.TOKEN).statusCode()).as("another address").isEqualTo(200);
        assertThat(login(attacker, WebFixture.TOKEN, "/").statusCode()).as("the web login counts with the API").isEqualTo(429);

        clock.advance(Duration.ofMinutes(5));
        assertThat(api(attacker, "Bearer " + WebFixture.TOKEN).statusCode()).as("after the window").isEqualTo(200);
    }

    @Test
    void requestsWithoutCredentialsAreNotCountedAsGuesses() {
        for (int i = 0; i < 30; i++) {
            assertThat(api(attacker, null).statusCode()).isEqualTo(401);
            assertThat(login(attacker, "", "/").statusCode()).isEqualTo(401);
        }
        assertThat(api(attacker, "Bearer " + WebFixture.TOKEN).statusCode()).isEqualTo(200);
        assertThat(login(attacker, WebFixture.TOKEN, "/").statusCode()).isEqualTo(303);
    }

    @Test
    void aUserSignsInWithTheirPasswordAndTheEleventhFailureForTheirNameIsRefusedFromAnyAddress() {
        var users = web.cairn().access().users();
        users.insert(new dev.cairn.core.access.User(java.util.UUID.randomUUID(), "fred", "Fred", 
                dev.cairn.core.access.PasswordHash.hash("fred-right-pw-77"), false, "local", clock.instant()));
        HttpResponse<String> signedIn = loginAs(attacker, "fred", "fred-right-pw-77");
        assertThat(signedIn.statusCode()).isEqualTo(303);
        assertThat(signedIn.headers().firstValue("Set-Cookie")).isPresent();

        for (int i = 0; i < 10; i++) {
            HttpResponse<String> wrong = loginAs(i % 2 == 0 ? attacker : neighbour, "fred", "guess-" + i);
            assertThat(wrong.statusCode()).as("wrong password %d", i + 1).isEqualTo(401);
            assertThat(wrong.body()).contains("That user name and password are not valid.");
        }
        HttpResponse<String> refused = loginAs(neighbour, "fred", "fred-right-pw-77");
        assertThat(refused.statusCode()).as("the 11th, even right").isEqualTo(429);
        assertThat(refused.body()).contains("Too many failed logins for this user name. Try again in 300 s.");
        assertThat(api(attacker, "Basic " + java.util.Base64.getEncoder().encodeToString("fred:fred-right-pw-77".getBytes(
                StandardCharsets.UTF_8))).statusCode()).as("the API honours it").isEqualTo(429);
        HttpResponse<String> unknown = loginAs(neighbour, "nobody-" + 1, "x");
        assertThat(unknown.statusCode()).as("another name from the same addresses").isEqualTo(401);
        assertThat(unknown.body()).contains("That user name and password are not valid.");
        assertThat(web.cairn().access().audit().page(new dev.cairn.core.access.AuditFilter(null, null, "sign-in", null, null,
                null), dev.cairn.core.catalog.TeamScope.ALL, null, 0, 100).items()).allSatisfy(e -> assertThat(e.detail())
                .doesNotContain("guess-", "fred-right-pw-77"));

        clock.advance(Duration.ofMinutes(5));
        assertThat(loginAs(neighbour, "fred", "fred-right-pw-77").statusCode()).isEqualTo(303);
    }

    @Test
    void unknownAndKnownNamesAreRefusedAlike() {
        web.cairn().access().users().insert(new dev.cairn.core.access.User(java.util.UUID.randomUUID(), "wilma", "",
                dev.cairn.core.access.PasswordHash.hash("wilma-pw-1234"), false, "local", clock.instant()));
        HttpResponse<String> known = loginAs(attacker, "wilma", "nope");
        HttpResponse<String> unknown = loginAs(attacker, "barney", "nope");
        assertThat(known.statusCode()).isEqualTo(unknown.statusCode()).isEqualTo(401);
        assertThat(known.body().replace("wilma", "NAME")).isEqualTo(unknown.body().replace("barney", "NAME"));
    }

    private HttpResponse<String> loginAs(HttpClient client, String name, String password) {
        String form = "name=" + URLEncoder.encode(name, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&next=/";
        return send(client, HttpRequest.newBuilder(URI.create(web.url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> login(HttpClient client, String token, String next) {
        String form = "token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&next=" + URLEncoder.encode(next, StandardCharsets.UTF_8);
        return send(client, HttpRequest.newBuilder(URI.create(web.url("/login")))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private HttpResponse<String> api(HttpClient client, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(web.url("/v1/status"))).GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(client, request);
    }

    private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
        try {
            return client.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
