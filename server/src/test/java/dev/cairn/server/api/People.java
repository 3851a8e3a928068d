package dev.cairn.server.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import tools.jackson.databind.JsonNode;

/** Users, tokens and teams made through the API as an admin would, for the people tests. */
final class People {
    private People() {
    }

    static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    static String bearer(String token) {
        return "Bearer " + token;
    }

    /** Creates a user as the admin and returns their uuid. */
    static String user(ApiFixture api, String name, String password) {
        return api.create("/v1/users", ApiFixture.fields("name", name, "display_name", "The " + name, "password", password));
    }

    /** Signs in as {@code name} with Basic and makes a token {@code tokenName}; returns its secret. */
    static String token(ApiFixture api, String name, String password, String tokenName) {
        JsonNode reply = api.request("POST", "/v1/me/tokens", ApiFixture.fields("name", tokenName), basic(name, password))
                .expect(200).json();
        assertThat(reply.path("ok").stringValue()).isEqualTo("created");
        return reply.path("token").stringValue();
    }

    static String team(ApiFixture api, String name) {
        return api.create("/v1/teams", ApiFixture.fields("name", name, "summary", "the " + name + " team"));
    }

    static void member(ApiFixture api, String team, String user, String role) {
        assertThat(api.post("/v1/team/" + team + "/members", ApiFixture.fields("user", user, "role", role)).expect(200)
                .json().path("ok").stringValue()).isEqualTo("added");
    }

    /** GETs {@code path} with {@code authorization}. */
    static ApiReply get(ApiFixture api, String path, String authorization) {
        return api.request("GET", path, null, authorization);
    }
}
