package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.catalog.Target;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Users and teams over the real server: an admin creates, changes and deletes them; anyone else is
 * refused naming manage-people (and the refusal is audited); a team's operator does not manage its
 * members; another team is not found; the last admin stays; no reply holds a password or its hash.
 */
class PeopleApiTest extends ApiTestBase {

    @Test
    void anAdminCreatesShowsChangesAndDeletesUsers() {
        String uuid = api.create("/v1/users", fields("name", "carol", "display_name", "Carol C.", "password", "carol's password"));
        JsonNode carol = api.get("/v1/user/" + uuid).expect(200).json();
        assertThat(carol.propertyNames()).containsExactlyInAnyOrder("uuid", "name", "display_name", "admin", "source",
                "created_at", "teams");
        assertThat(carol.path("name").stringValue()).isEqualTo("carol");
        assertThat(carol.path("display_name").stringValue()).isEqualTo("Carol C.");
        assertThat(carol.path("admin").booleanValue()).isFalse();
        assertThat(carol.path("source").stringValue()).isEqualTo("local");
        assertThat(carol.path("created_at").stringValue()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        assertThat(api.get("/v1/users").expect(200).json()).extracting(u -> u.path("name").stringValue())
                .contains("admin", "carol");

        api.put("/v1/user/" + uuid, fields("display_name", "Carol Cook", "admin", true)).expect(200);
        JsonNode changed = api.get("/v1/user/" + uuid).expect(200).json();
        assertThat(changed.path("display_name").stringValue()).isEqualTo("Carol Cook");
        assertThat(changed.path("admin").booleanValue()).isTrue();
        String carolToken = People.token(api, "carol", "carol's password", "cli");
        People.get(api, "/v1/users", People.bearer(carolToken)).expect(200);
        api.put("/v1/user/" + uuid, fields("password", "carol's new password")).expect(200);
        People.get(api, "/v1/me", People.basic("carol", "carol's new password")).expect(200);

        assertThat(api.put("/v1/user/" + uuid, fields("name", "karol")).expect(400).error()).contains("cannot change");
        assertThat(api.put("/v1/user/" + uuid, fields("password", "1234567")).expect(400).error())
                .isEqualTo("password must be at least 8 characters, got 7");
        assertThat(api.post("/v1/users", fields("name", "carol")).expect(409).error()).contains("carol");
        assertThat(api.post("/v1/users", fields("name", "bad name")).expect(400).error()).contains("bad name");
        assertThat(api.post("/v1/users", fields("name", "weak", "password", "weak")).expect(400).error()).contains("at least 8");
        assertThat(api.post("/v1/users", fields("display_name", "Nobody")).expect(400).missing()).containsExactly("name");
        api.get("/v1/user/" + UUID.randomUUID()).expect(404);

        assertThat(api.delete("/v1/user/" + uuid).expect(200).json().path("ok").stringValue()).isEqualTo("deleted");
        api.get("/v1/user/" + uuid).expect(404);
        People.get(api, "/v1/me", People.bearer(carolToken)).expect(401);

        JsonNode rows = api.get("/v1/audit?object=" + uuid).expect(200).json();
        assertThat(rows).extracting(r -> r.path("action").stringValue() + " " + r.path("outcome").stringValue()
                        + " " + r.path("detail").stringValue())
                .containsExactlyInAnyOrder("user.delete ok ", "user.update ok password",
                        "user.update ok display name, made admin", "user.create ok not admin, with password");
        assertThat(rows.toString()).doesNotContain("carol's").doesNotContain("argon2");
    }

    @Test
    void theLastAdminCanNeitherBeDeletedNorDemoted() {
        String admin = api.get("/v1/me").expect(200).json().path("uuid").stringValue();
        assertThat(api.delete("/v1/user/" + admin).expect(409).error()).contains("last admin");
        assertThat(api.put("/v1/user/" + admin, fields("admin", false)).expect(409).error()).contains("last admin");
        assertThat(api.get("/v1/audit?object=" + admin + "&action=user.").expect(200).json())
                .extracting(r -> r.path("outcome").stringValue()).containsOnly("failed");

        String second = api.create("/v1/users", fields("name", "root2", "admin", true));
        api.put("/v1/user/" + second, fields("admin", false)).expect(200);
        api.delete("/v1/user/" + second).expect(200);
        assertThat(api.get("/v1/me").expect(200).json().path("admin").booleanValue()).isTrue();
    }

    @Test
    void anyoneButAnAdminIsRefusedManagePeople() {
        String uuid = People.user(api, "dave", "dave's password");
        String token = People.token(api, "dave", "dave's password", "cli");
        String auth = People.bearer(token);
        String team = People.team(api, "dave-team");
        People.member(api, team, "dave", "operator");
        ApiReply[] refused = {
                People.get(api, "/v1/users", auth),
                People.get(api, "/v1/user/" + uuid, auth),
                api.request("POST", "/v1/users", fields("name", "mallory", "admin", true), auth),
                api.request("PUT", "/v1/user/" + uuid, fields("admin", true), auth),
                api.request("DELETE", "/v1/user/" + uuid, null, auth),
                api.request("POST", "/v1/teams", fields("name", "daves"), auth),
                api.request("PUT", "/v1/team/" + team, fields("summary", "mine now"), auth),
                api.request("DELETE", "/v1/team/" + team, null, auth),
                api.request("POST", "/v1/team/" + team + "/members", fields("user", "dave", "role", "viewer"), auth),
                api.request("DELETE", "/v1/team/" + team + "/member/dave", null, auth)};
        for (ApiReply reply : refused) {
            reply.expect(403);
            assertThat(reply.json().path("permission").stringValue()).isEqualTo("manage-people");
            assertThat(reply.error()).contains("manage-people");
        }
        assertThat(api.get("/v1/users").expect(200).json()).extracting(u -> u.path("name").stringValue())
                .doesNotContain("mallory");
        assertThat(api.get("/v1/user/" + uuid).expect(200).json().path("admin").booleanValue()).isFalse();
        assertThat(api.get("/v1/team/" + team).expect(200).json().path("members").get(0).path("role").stringValue())
                .as("an operator does not manage the members of the team").isEqualTo("operator");

        JsonNode denied = api.get("/v1/audit?user=dave").expect(200).json();
        assertThat(denied).extracting(r -> r.path("action").stringValue() + " " + r.path("outcome").stringValue())
                .contains("user.create denied", "user.update denied", "user.delete denied", "team.create denied",
                        "team.update denied", "team.delete denied", "member.set denied", "member.remove denied");
    }

    @Test
    void teamsAndTheirMembers() {
        String shop = People.team(api, "shop");
        String crm = People.team(api, "crm");
        String ann = People.user(api, "ann", "ann's password");
        People.user(api, "ben", "ben's password");
        assertThat(api.post("/v1/teams", fields("name", "shop")).expect(409).error()).contains("shop");
        assertThat(api.post("/v1/teams", fields("summary", "no name")).expect(400).missing()).containsExactly("name");

        People.member(api, shop, "ann", "developer");
        People.member(api, shop, ann, "operator");
        People.member(api, shop, "ben", "viewer");
        People.member(api, crm, "ben", "developer");
        assertThat(api.post("/v1/team/" + shop + "/members", fields("user", "ann", "role", "owner")).expect(400).error())
                .contains("owner");
        assertThat(api.post("/v1/team/" + shop + "/members", fields("user", "nobody", "role", "viewer")).expect(404).error())
                .isEqualTo("no user nobody");

        JsonNode team = api.get("/v1/team/" + shop).expect(200).json();
        assertThat(team.propertyNames()).containsExactlyInAnyOrder("uuid", "name", "summary", "members");
        assertThat(team.path("summary").stringValue()).isEqualTo("the shop team");
        assertThat(team.path("members")).extracting(m -> m.path("name").stringValue() + ":" + m.path("role").stringValue())
                .containsExactly("ann:operator", "ben:viewer");
        assertThat(team.path("members").get(0).path("uuid").stringValue()).isEqualTo(ann);

        String annAuth = People.bearer(People.token(api, "ann", "ann's password", "cli"));
        assertThat(People.get(api, "/v1/teams", annAuth).expect(200).json()).extracting(t -> t.path("name").stringValue())
                .containsExactly("shop");
        assertThat(api.get("/v1/teams").expect(200).json()).extracting(t -> t.path("name").stringValue())
                .contains("crm", "shop");
        assertThat(People.get(api, "/v1/team/" + crm, annAuth).expect(404).error()).isEqualTo("no team " + crm);
        assertThat(api.request("PUT", "/v1/team/" + crm, fields("summary", "x"), annAuth).expect(404).error())
                .isEqualTo("no team " + crm);
        JsonNode me = People.get(api, "/v1/me", annAuth).expect(200).json();
        assertThat(me.path("teams")).extracting(t -> t.path("name").stringValue() + ":" + t.path("role").stringValue())
                .containsExactly("shop:operator");
        assertThat(api.get("/v1/user/" + ann).expect(200).json().path("teams").get(0).path("uuid").stringValue()).isEqualTo(shop);

        api.put("/v1/team/" + shop, fields("name", "webshop")).expect(200);
        JsonNode renamed = api.get("/v1/team/" + shop).expect(200).json();
        assertThat(renamed.path("name").stringValue()).isEqualTo("webshop");
        assertThat(renamed.path("summary").stringValue()).as("kept").isEqualTo("the shop team");
        assertThat(api.put("/v1/team/" + shop, fields("name", "crm")).expect(409).error()).contains("crm");

        assertThat(api.delete("/v1/team/" + shop + "/member/ben").expect(200).json().path("ok").stringValue()).isEqualTo("removed");
        api.delete("/v1/team/" + shop + "/member/ben").expect(404);
        api.delete("/v1/team/" + shop + "/member/" + ann).expect(200);
        People.get(api, "/v1/team/" + shop, annAuth).expect(404);
        assertThat(People.get(api, "/v1/teams", annAuth).expect(200).json()).isEmpty();

        UUID target = UUID.randomUUID();
        api.cairn().catalog().targets().insert(new Target(target, "crm-db", "", "fs", Map.of("path", root.toString()), "")
                .ownedBy(UUID.fromString(crm)));
        assertThat(api.delete("/v1/team/" + crm).expect(409).error()).contains("crm-db");
        api.cairn().catalog().targets().delete(target);
        api.delete("/v1/team/" + crm).expect(200);
        api.get("/v1/team/" + crm).expect(404);
        api.delete("/v1/team/" + shop).expect(200);

        JsonNode rows = api.get("/v1/audit?action=member.").expect(200).json();
        assertThat(rows).extracting(r -> r.path("detail").stringValue())
                .contains("user 'ann' as developer", "user 'ann' as operator (was developer)", "user 'ben'");
    }
}
