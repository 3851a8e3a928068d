package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code /v1/me} and personal API tokens over the real server: a token made with a password works as
 * a bearer token and as a Basic password until it is revoked; its secret is shown once; a password
 * signs in with Basic ({@code curl -u}) and a wrong one is a 401. (Expiry on a stepped clock is in
 * the core's AccessTest: this server runs on the system clock.)
 */
class TokensApiTest extends ApiTestBase {
    private static final DateTimeFormatter WIRE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    @Test
    void aTokenWorksAsBearerAndAsBasicPasswordUntilRevoked() {
        People.user(api, "tina", "tina's password");
        JsonNode created = api.request("POST", "/v1/me/tokens", fields("name", "cli@laptop"),
                People.basic("tina", "tina's password")).expect(200).json();
        assertThat(created.propertyNames()).containsExactlyInAnyOrder("ok", "uuid", "name", "token", "expires_at");
        assertThat(created.path("name").stringValue()).isEqualTo("cli@laptop");
        assertThat(created.path("expires_at").stringValue()).as("no expiry asked").isEmpty();
        String secret = created.path("token").stringValue();
        assertThat(secret).startsWith("cairn_");

        JsonNode me = People.get(api, "/v1/me", People.bearer(secret)).expect(200).json();
        assertThat(me.path("name").stringValue()).isEqualTo("tina");
        assertThat(me.path("via").stringValue()).isEqualTo("token");
        assertThat(People.get(api, "/v1/me", People.basic("tina", secret)).expect(200).json().path("via").stringValue())
                .isEqualTo("basic+token");

        ApiReply list = People.get(api, "/v1/me/tokens", People.bearer(secret)).expect(200);
        assertThat(list.body()).doesNotContain(secret).doesNotContain(secret.substring(6));
        JsonNode token = list.json().get(0);
        assertThat(list.json()).hasSize(1);
        assertThat(token.propertyNames()).containsExactlyInAnyOrder("uuid", "name", "created_at", "expires_at", "last_used_at");
        assertThat(token.path("uuid").stringValue()).isEqualTo(created.path("uuid").stringValue());
        assertThat(token.path("created_at").stringValue()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(token.path("last_used_at").stringValue()).as("used above").matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(token.path("expires_at").stringValue()).isEmpty();

        assertThat(api.request("DELETE", "/v1/me/token/" + token.path("uuid").stringValue(), null, People.bearer(secret))
                .expect(200).json().path("ok").stringValue()).isEqualTo("revoked");
        assertThat(People.get(api, "/v1/me", People.bearer(secret)).expect(401).error()).contains("not valid");
        assertThat(People.get(api, "/v1/me/tokens", People.basic("tina", "tina's password")).expect(200).json()).isEmpty();
        api.request("DELETE", "/v1/me/token/" + token.path("uuid").stringValue(), null,
                People.basic("tina", "tina's password")).expect(404);
    }

    @Test
    void aPasswordSignsInWithBasicAndAWrongOneIsRefused() {
        People.user(api, "paula", "paula's password");
        JsonNode me = People.get(api, "/v1/me", People.basic("paula", "paula's password")).expect(200).json();
        assertThat(me.path("name").stringValue()).isEqualTo("paula");
        assertThat(me.path("display_name").stringValue()).isEqualTo("The paula");
        assertThat(me.path("admin").booleanValue()).isFalse();
        assertThat(me.path("via").stringValue()).isEqualTo("basic");
        assertThat(me.path("teams").isArray()).isTrue();

        ApiReply wrong = People.get(api, "/v1/me", People.basic("paula", "paula's passwore")).expect(401);
        assertThat(wrong.error()).contains("not valid");
        assertThat(People.get(api, "/v1/me", People.basic("nobody", "paula's password")).expect(401).error())
                .as("an unknown user reads the same").isEqualTo(wrong.error());
    }

    @Test
    void aTokenExpiresWhenAskedAndTheTimeIsChecked() {
        People.user(api, "eve", "eve's password");
        String basic = People.basic("eve", "eve's password");
        Instant before = Instant.now().minusSeconds(1);
        JsonNode inAnHour = api.request("POST", "/v1/me/tokens", fields("name", "hour", "expires_in", 3600), basic)
                .expect(200).json();
        Instant expires = LocalDateTime.parse(inAnHour.path("expires_at").stringValue(), WIRE).toInstant(ZoneOffset.UTC);
        assertThat(expires).isBetween(before.plusSeconds(3599), Instant.now().plusSeconds(3601));
        assertThat(People.get(api, "/v1/me", People.bearer(inAnHour.path("token").stringValue())).expect(200)
                .json().path("name").stringValue()).isEqualTo("eve");

        assertThat(api.request("POST", "/v1/me/tokens", fields("name", "wire", "expires_at", "2099-01-02 03:04:05"), basic)
                .expect(200).json().path("expires_at").stringValue()).isEqualTo("2099-01-02 03:04:05");
        assertThat(api.request("POST", "/v1/me/tokens", fields("name", "day", "expires_at", "20990102"), basic)
                .expect(200).json().path("expires_at").stringValue()).isEqualTo("2099-01-02 00:00:00");
        assertThat(api.request("POST", "/v1/me/tokens", fields("name", "iso", "expires_at", "2099-01-02T03:04:05+01:00"), basic)
                .expect(200).json().path("expires_at").stringValue()).isEqualTo("2099-01-02 02:04:05");
        JsonNode listed = People.get(api, "/v1/me/tokens", basic).expect(200).json();
        assertThat(listed).extracting(t -> t.path("name").stringValue()).containsExactly("day", "hour", "iso", "wire");

        assertThat(api.request("POST", "/v1/me/tokens", fields("name", "past", "expires_at", "2001-01-01 00:00:00"), basic)
                .expect(400).error()).contains("future");
        assertThat(api.request("POST", "/v1/me/tokens", fields("name", "junk", "expires_at", "next tuesday"), basic)
                .expect(400).error()).contains("expires_at").contains("next tuesday");
        assertThat(api.request("POST", "/v1/me/tokens", fields("name", "both", "expires_in", 60, "expires_at", "20990101"), basic)
                .expect(400).error()).contains("not both");
        assertThat(api.request("POST", "/v1/me/tokens", fields("name", "zero", "expires_in", 0), basic)
                .expect(400).error()).contains("expires_in");
        assertThat(api.request("POST", "/v1/me/tokens", fields("expires_in", 60), basic).expect(400).missing())
                .containsExactly("name");
        assertThat(api.request("POST", "/v1/me/tokens", fields("name", "hour"), basic).expect(409).error()).contains("hour");
    }

    @Test
    void anotherUsersTokenIsNotFound() {
        People.user(api, "owner", "owner's password");
        People.user(api, "other", "other's password");
        JsonNode created = api.request("POST", "/v1/me/tokens", fields("name", "mine"), People.basic("owner", "owner's password"))
                .expect(200).json();
        String uuid = created.path("uuid").stringValue();
        assertThat(api.request("DELETE", "/v1/me/token/" + uuid, null, People.basic("other", "other's password"))
                .expect(404).error()).isEqualTo("no token " + uuid);
        assertThat(api.delete("/v1/me/token/" + uuid).expect(404).error()).as("not even an admin's").contains("no token");
        People.get(api, "/v1/me", People.bearer(created.path("token").stringValue())).expect(200);
        assertThat(People.get(api, "/v1/me/tokens", People.basic("other", "other's password")).expect(200).json()).isEmpty();
    }

    @Test
    void usersChangeTheirOwnNameAndPasswordGivingTheCurrentOne() {
        People.user(api, "zoe", "zoe's first password");
        String token = People.token(api, "zoe", "zoe's first password", "laptop");
        assertThat(api.request("PUT", "/v1/me", fields("display_name", "Zoë"), People.bearer(token)).expect(400).missing())
                .containsExactly("current_password");
        assertThat(api.request("PUT", "/v1/me", fields("display_name", "Zoë", "current_password", "not it at all"),
                People.bearer(token)).expect(400).error()).contains("current_password");
        api.request("PUT", "/v1/me", fields("current_password", "zoe's first password"), People.bearer(token)).expect(400);
        assertThat(api.request("PUT", "/v1/me", fields("password", "short", "current_password", "zoe's first password"),
                People.bearer(token)).expect(400).error()).contains("at least 8");

        api.request("PUT", "/v1/me", fields("display_name", "Zoë", "password", "zoe's second password",
                "current_password", "zoe's first password"), People.bearer(token)).expect(200);
        assertThat(People.get(api, "/v1/me", People.bearer(token)).expect(200).json().path("display_name").stringValue())
                .isEqualTo("Zoë");
        People.get(api, "/v1/me", People.basic("zoe", "zoe's second password")).expect(200);
        People.get(api, "/v1/me", People.basic("zoe", "zoe's first password")).expect(401);

        JsonNode rows = api.get("/v1/audit?user=zoe&action=user.update").expect(200).json();
        assertThat(rows).extracting(r -> r.path("outcome").stringValue()).containsExactly("ok", "denied");
        assertThat(rows.get(0).path("detail").stringValue()).isEqualTo("own display name and password");
        assertThat(rows.toString()).doesNotContain("zoe's first password").doesNotContain("zoe's second password")
                .doesNotContain("not it at all");
    }

    @Test
    void theAdminTokenIsTheFirstAdmins() {
        JsonNode me = api.get("/v1/me").expect(200).json();
        assertThat(me.path("name").stringValue()).isEqualTo("admin");
        assertThat(me.path("admin").booleanValue()).isTrue();
        assertThat(me.path("via").stringValue()).isEqualTo("token");
        assertThat(api.get("/v1/me/tokens").expect(200).json()).extracting(t -> t.path("name").stringValue())
                .contains("admin.token");
    }
}
