package dev.cairn.server.api;

import static dev.cairn.server.api.ApiFixture.fields;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code GET /v1/audit} over the real server: filters, paging with X-Total-Count, and who sees which
 * rows (an admin all; an operator of a team its rows and their own; a developer only their own). No
 * row and no people reply holds a password, a hash or a token's secret.
 */
class AuditApiTest extends ApiTestBase {
    private static final List<String> SECRETS = new ArrayList<>();
    private static String alpha;
    private static String beta;
    private static String operator;
    private static String developer;
    private static String operatorAuth;
    private static String developerAuth;
    private static String otherAuth;

    @BeforeAll
    static void people() {
        alpha = People.team(api, "alpha");
        beta = People.team(api, "beta");
        operator = People.user(api, "opal", "opal's password");
        developer = People.user(api, "devon", "devon's password");
        People.user(api, "bea", "bea's password");
        SECRETS.addAll(List.of("opal's password", "devon's password", "bea's password", ApiFixture.TOKEN));
        People.member(api, alpha, "opal", "operator");
        People.member(api, alpha, "devon", "developer");
        People.member(api, beta, "bea", "operator");
        operatorAuth = People.bearer(secret(People.token(api, "opal", "opal's password", "cli")));
        developerAuth = People.bearer(secret(People.token(api, "devon", "devon's password", "cli")));
        otherAuth = People.bearer(secret(People.token(api, "bea", "bea's password", "cli")));
        api.put("/v1/team/" + beta, fields("summary", "the other team")).expect(200);
        api.request("POST", "/v1/users", fields("name", "x"), developerAuth).expect(403);
    }

    private static String secret(String token) {
        SECRETS.add(token);
        return token;
    }

    /** Rows written within one millisecond may list either way round, so lists below are compared as sets; this test checks the order. */
    @Test
    void anAdminSeesEveryRowNewestFirstWithTheTotal() {
        ApiReply reply = api.get("/v1/audit").expect(200);
        JsonNode rows = reply.json();
        assertThat(reply.headers().firstValue("X-Total-Count")).hasValue(String.valueOf(rows.size()));
        assertThat(rows).extracting(r -> r.path("action").stringValue())
                .contains("team.create", "user.create", "member.set", "token.create", "team.update");
        JsonNode first = api.get("/v1/audit?action=team.create&object=" + alpha).expect(200).json().get(0);
        assertThat(first.propertyNames()).containsExactlyInAnyOrder("uuid", "at", "user", "user_uuid", "address", "action",
                "object_kind", "object", "object_name", "team", "outcome", "detail");
        assertThat(rows.get(rows.size() - 1).path("action").stringValue()).as("the oldest row").isEqualTo("team.create");
        assertThat(first.path("team").stringValue()).isEqualTo(alpha);
        assertThat(first.path("object_kind").stringValue()).isEqualTo("team");
        assertThat(first.path("object_name").stringValue()).isEqualTo("alpha");
        assertThat(first.path("user").stringValue()).isEqualTo("admin");
        assertThat(first.path("address").stringValue()).isEqualTo("127.0.0.1");
        assertThat(first.path("at").stringValue()).matches("\\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2}:\\d{2}");
        List<String> times = new ArrayList<>();
        rows.forEach(r -> times.add(r.path("at").stringValue()));
        assertThat(times).isSortedAccordingTo((a, b) -> b.compareTo(a));
    }

    @Test
    void theAuditLogCannotBeChangedThroughTheApi() {
        for (String method : java.util.List.of("PUT", "DELETE", "POST")) {
            ApiReply refused = api.request(method, "/v1/audit", java.util.Map.of(), "Bearer " + ApiFixture.TOKEN).expect(405);
            assertThat(refused.json().path("error").stringValue()).isEqualTo("method " + method + " not allowed on /v1/audit");
        }
        assertThat(api.get("/v1/audit").expect(200).json()).isNotEmpty();
    }

    @Test
    void rowsAreFilteredByUserTeamActionObjectAndTime() {
        assertThat(api.get("/v1/audit?action=member.set").expect(200).json()).hasSize(3)
                .allSatisfy(r -> assertThat(r.path("action").stringValue()).isEqualTo("member.set"));
        assertThat(api.get("/v1/audit?action=team.").expect(200).json()).extracting(r -> r.path("action").stringValue())
                .containsExactlyInAnyOrder("team.update", "team.create", "team.create");
        assertThat(api.get("/v1/audit?action=team").expect(200).json()).as("no dot: exactly 'team'").isEmpty();

        JsonNode alphaRows = api.get("/v1/audit?team=alpha").expect(200).json();
        assertThat(alphaRows).extracting(r -> r.path("action").stringValue())
                .containsExactlyInAnyOrder("member.set", "member.set", "team.create");
        assertThat(api.get("/v1/audit?team=" + alpha).expect(200).json()).isEqualTo(alphaRows);
        assertThat(api.get("/v1/audit?object=" + beta).expect(200).json()).extracting(r -> r.path("action").stringValue())
                .containsExactlyInAnyOrder("team.update", "member.set", "team.create");

        JsonNode opal = api.get("/v1/audit?user=opal").expect(200).json();
        assertThat(opal).extracting(r -> r.path("action").stringValue()).containsExactly("token.create");
        assertThat(api.get("/v1/audit?user=" + operator).expect(200).json()).isEqualTo(opal);
        assertThat(api.get("/v1/audit?user=devon&action=user.create").expect(200).json())
                .extracting(r -> r.path("outcome").stringValue()).containsExactly("denied");
        ApiReply nobody = api.get("/v1/audit?user=nobody").expect(200);
        assertThat(nobody.json()).isEmpty();
        assertThat(nobody.headers().firstValue("X-Total-Count")).hasValue("0");
        assertThat(api.get("/v1/audit?team=gamma").expect(404).error()).isEqualTo("no team gamma");

        String today = LocalDate.now(ZoneOffset.UTC).format(DateTimeFormatter.BASIC_ISO_DATE);
        String tomorrow = LocalDate.now(ZoneOffset.UTC).plusDays(1).format(DateTimeFormatter.BASIC_ISO_DATE);
        int all = api.get("/v1/audit").expect(200).json().size();
        assertThat(api.get("/v1/audit?after=" + today + "&before=" + tomorrow).expect(200).json()).hasSize(all);
        assertThat(api.get("/v1/audit?after=" + tomorrow).expect(200).json()).isEmpty();
        assertThat(api.get("/v1/audit?before=2001-01-01%2000:00:00").expect(200).json()).isEmpty();
        assertThat(api.get("/v1/audit?after=2001-01-01T00:00:00Z").expect(200).json()).hasSize(all);
        assertThat(api.get("/v1/audit?after=yesterday").expect(400).error()).contains("after").contains("yesterday");
        assertThat(api.get("/v1/audit?object=nope").expect(400).error()).contains("object");
    }

    @Test
    void rowsComeInPages() {
        int total = api.get("/v1/audit").expect(200).json().size();
        assertThat(total).isGreaterThan(6);
        Set<String> seen = new HashSet<>();
        for (int offset = 0; offset < total; offset += 3) {
            ApiReply page = api.get("/v1/audit?limit=3&offset=" + offset).expect(200);
            assertThat(page.headers().firstValue("X-Total-Count")).hasValue(String.valueOf(total));
            assertThat(page.json().size()).isEqualTo(Math.min(3, total - offset));
            page.uuids().forEach(uuid -> assertThat(seen.add(uuid)).as("row %s on one page only", uuid).isTrue());
        }
        assertThat(seen).hasSize(total);
        assertThat(api.get("/v1/audit?offset=" + total).expect(200).json()).isEmpty();
        api.get("/v1/audit?limit=0").expect(400);
        assertThat(api.get("/v1/audit?offset=-1").expect(400).error()).contains("offset");
    }

    @Test
    void anOperatorSeesTheirTeamsRowsAndADeveloperOnlyTheirOwn() {
        ApiReply mine = People.get(api, "/v1/audit", developerAuth).expect(200);
        assertThat(mine.json()).isNotEmpty().allSatisfy(r -> assertThat(r.path("user_uuid").stringValue()).isEqualTo(developer));
        assertThat(mine.json()).extracting(r -> r.path("action").stringValue()).containsExactlyInAnyOrder("user.create", "token.create");
        assertThat(mine.headers().firstValue("X-Total-Count")).hasValue("2");

        JsonNode operatorRows = People.get(api, "/v1/audit", operatorAuth).expect(200).json();
        assertThat(operatorRows).allSatisfy(r -> assertThat(r.path("team").stringValue().equals(alpha)
                || r.path("user_uuid").stringValue().equals(operator)).as("row %s", r).isTrue());
        assertThat(operatorRows).extracting(r -> r.path("action").stringValue() + " " + r.path("object_name").stringValue())
                .containsExactlyInAnyOrder("token.create cli", "member.set alpha", "member.set alpha", "team.create alpha");
        assertThat(People.get(api, "/v1/audit?team=beta", operatorAuth).expect(404).error()).isEqualTo("no team beta");
        assertThat(People.get(api, "/v1/audit?object=" + beta, operatorAuth).expect(200).json()).isEmpty();
        assertThat(People.get(api, "/v1/audit?team=alpha", developerAuth).expect(200).json()).as("no view-audit in alpha").isEmpty();

        JsonNode otherRows = People.get(api, "/v1/audit", otherAuth).expect(200).json();
        assertThat(otherRows).extracting(r -> r.path("action").stringValue())
                .containsExactlyInAnyOrder("team.update", "token.create", "member.set", "team.create");
    }

    @Test
    void rowsCannotBeChangedOrDeleted() {
        int total = api.get("/v1/audit").expect(200).json().size();
        String row = api.get("/v1/audit?limit=1").expect(200).uuids().getFirst();
        for (String method : List.of("PUT", "DELETE", "POST", "PATCH")) {
            for (String path : List.of("/v1/audit", "/v1/audit/" + row)) {
                ApiReply reply = api.request(method, path, method.equals("DELETE") ? null : "{}", "Bearer " + ApiFixture.TOKEN);
                assertThat(reply.status()).as("%s %s", method, path).isIn(404, 405);
                assertThat(reply.contentType()).startsWith("application/json");
            }
        }
        assertThat(api.get("/v1/audit").expect(200).json().size()).isEqualTo(total);
    }

    @Test
    void noReplyOrRowHoldsAPasswordAHashOrATokensSecret() {
        List<String> bodies = new ArrayList<>();
        for (String path : List.of("/v1/audit?limit=1000", "/v1/users", "/v1/me", "/v1/me/tokens", "/v1/teams",
                "/v1/user/" + operator, "/v1/team/" + alpha)) {
            bodies.add(api.get(path).expect(200).body());
        }
        for (String auth : List.of(operatorAuth, developerAuth, otherAuth)) {
            for (String path : List.of("/v1/audit", "/v1/me", "/v1/me/tokens", "/v1/teams")) {
                bodies.add(People.get(api, path, auth).expect(200).body());
            }
        }
        assertThat(bodies).allSatisfy(body -> {
            assertThat(body).doesNotContain("argon2").doesNotContain("password_hash");
            for (String secret : SECRETS) {
                assertThat(body).doesNotContain(secret);
            }
        });
        String stored = api.cairn().access().audit().page(dev.cairn.core.access.AuditFilter.ALL,
                dev.cairn.core.catalog.TeamScope.ALL, null, 0, 10_000).items().toString();
        for (String secret : SECRETS) {
            assertThat(stored).doesNotContain(secret);
        }
    }
}
