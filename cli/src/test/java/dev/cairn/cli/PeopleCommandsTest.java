package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The requests the user, team, member, token and audit commands send, and how their replies read. */
class PeopleCommandsTest {

    private static final String FRED = "0c6f7f1e-3b8d-4d36-9a43-5c1b0b7e2a11";
    private static final String OPS = "5b0f1c9a-7d3e-4f6a-8b2c-1e9d0a3f4b5c";
    private static final String DEPLOY = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

    private final FakeCairn fake = FakeCairn.start();

    @AfterEach
    void stopFake() {
        fake.close();
    }

    @Test
    void createUserSendsThePasswordFromStandardInput() {
        fake.on("POST", "/v1/users", "{\"ok\":\"created\",\"uuid\":\"" + FRED + "\"}");

        CliRun run = CliRun.withInput(Map.of("CAIRN_URL", fake.url(), "CAIRN_TOKEN", "t"), "yabba dabba\n", Prompt.NONE,
                "create", "user", "fred", "--display-name", "Fred Flintstone", "--admin", "--password-stdin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("created user fred (" + FRED + ")\n");
        assertThat(fake.only("POST", "/v1/users").json().toString()).isEqualTo(
                "{\"name\":\"fred\",\"display_name\":\"Fred Flintstone\",\"password\":\"yabba dabba\",\"admin\":true}");
    }

    @Test
    void createUserAtATerminalAsksForThePasswordTwice() {
        ScriptedPrompt person = new ScriptedPrompt("one", "other");

        CliRun run = CliRun.withInput(Map.of("CAIRN_URL", fake.url(), "CAIRN_TOKEN", "t"), "", person,
                "create", "user", "fred", "--password-stdin");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(person.asked()).containsExactly("Password for fred: ", "Again: ");
        assertThat(run.err()).isEqualTo("error: the two passwords differ: nothing was changed\n");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void createUserWithoutAPasswordSendsNone() {
        fake.on("POST", "/v1/users", "{\"ok\":\"created\",\"uuid\":\"" + FRED + "\"}");

        CliRun.against(fake, "create", "user", "fred");

        assertThat(fake.only("POST", "/v1/users").json().toString()).isEqualTo("{\"name\":\"fred\"}");
    }

    @Test
    void usersListAsATable() {
        fake.on("GET", "/v1/users", """
                [{"uuid":"%s","name":"fred","display_name":"Fred Flintstone","admin":false,"source":"local",
                  "created_at":"2026-05-01 10:00:00","teams":[{"uuid":"%s","name":"ops","role":"operator"}]},
                 {"uuid":"a1","name":"admin","display_name":"","admin":true,"source":"bootstrap",
                  "created_at":"2026-04-01 09:00:00","teams":[]}]""".formatted(FRED, OPS));

        CliRun run = CliRun.against(fake, "list", "users");

        assertThat(run.out()).isEqualTo("""
                UUID                                  NAME   DISPLAY NAME     ADMIN  SOURCE     TEAMS           CREATED AT
                %s  fred   Fred Flintstone  no     local      ops (operator)  2026-05-01 10:00:00
                a1                                    admin  -                yes    bootstrap  -               2026-04-01 09:00:00
                """.formatted(FRED));
    }

    @Test
    void deletingAUserIsConfirmedFirst() {
        fake.on("GET", "/v1/users", "[{\"uuid\":\"" + FRED + "\",\"name\":\"fred\"}]")
                .on("DELETE", "/v1/user/" + FRED, "{\"ok\":\"deleted\"}");

        CliRun declined = CliRun.against(fake, question -> false, "delete", "user", "fred");
        CliRun confirmed = CliRun.against(fake, question -> question.startsWith("Delete user fred (" + FRED + ")?"),
                "delete", "user", "fred");

        assertThat(declined.exitCode()).isEqualTo(1);
        assertThat(declined.err()).isEqualTo("error: not confirmed: nothing was changed\n");
        assertThat(confirmed.exitCode()).isZero();
        assertThat(confirmed.out()).isEqualTo("deleted user fred (" + FRED + ")\n");
        assertThat(fake.requestLines()).containsOnlyOnce("DELETE /v1/user/" + FRED);
    }

    @Test
    void showTeamListsItsMembers() {
        fake.on("GET", "/v1/teams", "[{\"uuid\":\"" + OPS + "\",\"name\":\"ops\"}]")
                .on("GET", "/v1/team/" + OPS, """
                        {"uuid":"%s","name":"ops","summary":"runs things",
                         "members":[{"uuid":"%s","name":"fred","role":"operator"}]}""".formatted(OPS, FRED));

        CliRun run = CliRun.against(fake, "show", "team", "ops");

        assertThat(run.out()).isEqualTo("""
                UUID:    %s
                Name:    ops
                Summary: runs things

                Members:
                NAME  ROLE      UUID
                fred  operator  %s
                """.formatted(OPS, FRED));
    }

    @Test
    void addMemberSendsTheUserAsGivenAndTheRole() {
        fake.on("GET", "/v1/teams", "[{\"uuid\":\"" + OPS + "\",\"name\":\"ops\"}]")
                .on("POST", "/v1/team/" + OPS + "/members", "{\"ok\":\"added\"}");

        CliRun run = CliRun.against(fake, "add", "member", "fred", "--team", "ops", "--role", "Developer");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("fred is developer in team ops (" + OPS + ")\n");
        assertThat(fake.only("POST", "/v1/team/" + OPS + "/members").json().toString())
                .isEqualTo("{\"user\":\"fred\",\"role\":\"developer\"}");
    }

    @Test
    void aRoleTheApiDoesNotKnowIsAUsageError() {
        CliRun run = CliRun.offline("add", "member", "fred", "--team", "ops", "--role", "owner");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--role'").contains("VIEWER, DEVELOPER, OPERATOR").contains("'owner'");
    }

    @Test
    void removeMemberFindsTheMembersUuidInTheTeam() {
        fake.on("GET", "/v1/teams", "[{\"uuid\":\"" + OPS + "\",\"name\":\"ops\"}]")
                .on("GET", "/v1/team/" + OPS, "{\"uuid\":\"" + OPS + "\",\"name\":\"ops\",\"members\":[{\"uuid\":\""
                        + FRED + "\",\"name\":\"fred\",\"role\":\"viewer\"}]}")
                .on("DELETE", "/v1/team/" + OPS + "/member/" + FRED, "{\"ok\":\"removed\"}");

        CliRun removed = CliRun.against(fake, "remove", "member", "fred", "--team", "ops");
        CliRun unknown = CliRun.against(fake, "remove", "member", "barney", "--team", "ops");

        assertThat(removed.exitCode()).as(removed.err()).isZero();
        assertThat(removed.out()).isEqualTo("removed fred from team ops (" + OPS + ")\n");
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).isEqualTo("error: team ops (" + OPS + ") has no member named 'barney' (its members: fred)\n");
    }

    @Test
    void createTokenPrintsTheSecretOnceWithAWarning() {
        fake.on("POST", "/v1/me/tokens", "{\"ok\":\"created\",\"uuid\":\"" + DEPLOY + "\",\"name\":\"deploy\","
                + "\"token\":\"cairn_s3cr3t\",\"expires_at\":\"2026-06-30 10:00:00\"}");

        CliRun run = CliRun.against(fake, "create", "token", "deploy", "--expires", "30d");

        assertThat(run.exitCode()).isZero();
        assertThat(fake.only("POST", "/v1/me/tokens").json().toString()).isEqualTo("{\"name\":\"deploy\",\"expires_in\":2592000}");
        assertThat(run.out()).isEqualTo("created token deploy (" + DEPLOY + "), which expires at 2026-06-30 10:00:00\n"
                + "cairn_s3cr3t\n");
        assertThat(run.err()).isEqualTo("Keep this token now: it is not shown again. Revoke it with 'cairn revoke token deploy'.\n");
    }

    @Test
    void aBadExpiryIsAUsageError() {
        CliRun run = CliRun.offline("create", "token", "deploy", "--expires", "soon");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'soon' is not a duration");
    }

    @Test
    void tokensListWithoutSecretsAndRevokeFindsOneByName() {
        fake.on("GET", "/v1/me/tokens", """
                [{"uuid":"%s","name":"deploy","created_at":"2026-05-01 10:00:00","expires_at":"","last_used_at":""}]"""
                .formatted(DEPLOY))
                .on("DELETE", "/v1/me/token/" + DEPLOY, "{\"ok\":\"revoked\"}");

        CliRun list = CliRun.against(fake, "list", "tokens");
        CliRun revoke = CliRun.against(fake, "revoke", "token", "deploy", "--yes");

        assertThat(list.out()).isEqualTo("""
                UUID                                  NAME    CREATED AT           EXPIRES AT  LAST USED AT
                %s  deploy  2026-05-01 10:00:00  -           -
                """.formatted(DEPLOY));
        assertThat(revoke.exitCode()).as(revoke.err()).isZero();
        assertThat(revoke.out()).isEqualTo("revoked token deploy (" + DEPLOY + ")\n");
        assertThat(fake.requestLines()).containsOnlyOnce("DELETE /v1/me/token/" + DEPLOY);
    }

    @Test
    void auditFiltersGoToTheServerAndTheLogReadsAsATable() {
        fake.on("GET", "/v1/audit", """
                [{"uuid":"e1","at":"2026-05-02 08:00:00","user":"fred","user_uuid":"%s","address":"10.0.0.7",
                  "action":"restore","object_kind":"target","object":"t1","object_name":"shop-db","team":"%s",
                  "outcome":"denied","detail":"permission 'restore' is needed"},
                 {"uuid":"e2","at":"2026-05-02 07:00:00","user":"","user_uuid":"","address":"10.0.0.8",
                  "action":"sign-in","object_kind":"user","object":"","object_name":"","team":"",
                  "outcome":"denied","detail":""}]""".formatted(FRED, OPS));

        CliRun run = CliRun.against(fake, "list", "audit", "--user", "fred", "--team", "ops", "--action", "restore",
                "--since", "20260501", "--until", "2026-05-03 12:00:00", "--limit", "5");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(fake.requestLines()).containsExactly("GET /v1/audit?action=restore&after=20260501"
                + "&before=2026-05-03 12:00:00&limit=5&team=ops&user=fred");
        assertThat(run.out()).isEqualTo("""
                TIME                 USER  ADDRESS   ACTION   OBJECT          OUTCOME  DETAIL
                2026-05-02 08:00:00  fred  10.0.0.7  restore  target shop-db  denied   permission 'restore' is needed
                2026-05-02 07:00:00  -     10.0.0.8  sign-in  user            denied   -
                """);
    }

    @Test
    void moreAuditEntriesThanShownAreCounted() {
        fake.on("GET", "/v1/audit", request -> new FakeCairn.Reply(200, "[{\"at\":\"2026-05-02 08:00:00\","
                + "\"action\":\"backup\",\"outcome\":\"ok\"}]", Map.of("X-Total-Count", "42")));

        CliRun run = CliRun.against(fake, "list", "audit", "--limit", "1");
        CliRun json = CliRun.against(fake, "--json", "list", "audit", "--limit", "1");

        assertThat(run.out()).endsWith("ok       -\n(1 of 42 entries: narrow the filters or raise --limit)\n");
        assertThat(json.out()).doesNotContain("42");
    }

    @Test
    void aBadAuditTimeIsAUsageError() {
        CliRun yesterday = CliRun.offline("list", "audit", "--since", "yesterday");
        CliRun february = CliRun.offline("list", "audit", "--until", "2026-02-30 10:00:00");
        CliRun iso = CliRun.offline("list", "audit", "--until", "2026-02-03T10:00:00+01:00", "--limit", "0");

        assertThat(yesterday.exitCode()).isEqualTo(2);
        assertThat(yesterday.err()).contains("'yesterday' is not a time: write a day as YYYYMMDD");
        assertThat(february.exitCode()).isEqualTo(2);
        assertThat(iso.exitCode()).isEqualTo(2);
        assertThat(iso.err()).contains("--limit must be at least 1, got 0");
    }

    @Test
    void theNewVerbsAreSuggestedWhenMistyped() {
        CliRun run = CliRun.offline("revok", "token", "x");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err().lines()).contains("did you mean 'revoke'?");
    }
}
