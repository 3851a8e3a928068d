package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.server.CairnServer;
import dev.cairn.server.ServerConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The people commands through the real CLI against a real server (its own data directory and
 * catalog): an admin makes users and teams, a user signs in with {@code cairn login}, makes and
 * revokes tokens, signs out, and the audit log shows it all.
 *
 */
final class PeopleEndToEndTest {

    private static final String ADMIN_TOKEN = "e2e-admin-token";
    @TempDir
    static Path temp;
    private static CairnServer server;
    private static boolean peopleRoutes;

    @TempDir
    Path home;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        server = CairnServer.start(ServerConfig.from(temp.resolve("data"), "127.0.0.1:0", null, null, false),
                ADMIN_TOKEN, Clock.systemUTC());
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> me = http.send(HttpRequest.newBuilder(URI.create(url() + "/v1/me"))
                    .header("Authorization", "Bearer " + ADMIN_TOKEN).build(), HttpResponse.BodyHandlers.ofString());
            peopleRoutes = me.statusCode() != 404;
        }
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @BeforeEach
    void needsThePeopleRoutes() {
        assertThat(peopleRoutes).as("the server serves the people routes (GET /v1/me)").isTrue();
    }

    private static String url() {
        return "http://127.0.0.1:" + server.port();
    }

    private static Map<String, String> asAdmin() {
        return Map.of("CAIRN_URL", url(), "CAIRN_TOKEN", ADMIN_TOKEN);
    }

    /** A person with their own config directory and no token but what {@code cairn login} keeps. */
    private Map<String, String> person() {
        return Map.of("CAIRN_URL", url(), "XDG_CONFIG_HOME", home.toString());
    }

    private static Map<String, String> withToken(String token) {
        return Map.of("CAIRN_URL", url(), "CAIRN_TOKEN", token);
    }

    private static CliRun cli(Map<String, String> env, String... args) {
        return CliRun.of(env, Path.of("."), args);
    }

    private static CliRun ok(Map<String, String> env, String... args) {
        return ok(CliRun.of(env, Path.of("."), args), args);
    }

    private static CliRun ok(CliRun run, String... args) {
        assertThat(run.exitCode()).as("cairn %s\nstdout: %s\nstderr: %s", String.join(" ", args), run.out(), run.err())
                .isZero();
        return run;
    }

    private static CliRun withStdin(Map<String, String> env, String stdin, String... args) {
        return ok(CliRun.withInput(env, stdin, Prompt.NONE, args), args);
    }

    private static void createUser(String name, String password) {
        withStdin(asAdmin(), password + "\n", "create", "user", name, "--display-name", name.toUpperCase(), "--password-stdin");
    }

    private static JsonNode json(CliRun run) {
        return JsonMapper.shared().readTree(run.out());
    }

    @Test
    void anAdminMakesUsersAndTeamsAndSetsRoles() {
        createUser("fred", "fred-password-1");
        ok(asAdmin(), "create", "team", "quarry", "--summary", "the gravel pit");

        ok(asAdmin(), "add", "member", "fred", "--team", "quarry", "--role", "developer");
        ok(asAdmin(), "add", "member", "fred", "--team", "quarry", "--role", "operator");

        assertThat(ok(asAdmin(), "show", "team", "quarry").out()).contains("Summary: the gravel pit")
                .containsPattern("fred +operator +[0-9a-f-]{36}");
        assertThat(ok(asAdmin(), "show", "user", "fred").out()).contains("Display name: FRED")
                .contains("quarry (operator)").contains("Admin:        no");
        assertThat(ok(asAdmin(), "list", "users").out()).contains("fred").contains("admin");
        assertThat(ok(asAdmin(), "list", "teams").out()).contains("quarry");
        List<String> names = json(ok(asAdmin(), "--json", "list", "users")).valueStream()
                .map(user -> user.path("name").asString()).toList();
        assertThat(names).contains("admin", "fred");

        ok(asAdmin(), "remove", "member", "fred", "--team", "quarry");
        assertThat(ok(asAdmin(), "show", "team", "quarry").out()).doesNotContain("fred");
        ok(asAdmin(), "delete", "team", "quarry", "--yes");
        ok(asAdmin(), "delete", "user", "fred", "--yes");
        assertThat(ok(asAdmin(), "list", "users").out()).doesNotContain("fred");
        CliRun gone = cli(asAdmin(), "show", "team", "quarry");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).isEqualTo("error: no team is named 'quarry'\n");
    }

    @Test
    void aUserSignsInAndOutWithTheConfigFileReadableByThemAlone() throws IOException {
        createUser("wilma", "wilma-password-1");
        ok(asAdmin(), "create", "team", "bedrock");
        ok(asAdmin(), "add", "member", "wilma", "--team", "bedrock", "--role", "viewer");

        CliRun login = withStdin(person(), "wilma-password-1\n", "login", "--user", "wilma", "--password-stdin");

        Path config = home.resolve("cairn").resolve("config.toml");
        assertThat(login.out()).startsWith("signed in to " + url() + " as wilma (WILMA); token cli@" + LoginCommands.hostName());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(config.getParent()))).isEqualTo("rwx------");
        assertThat(Files.readString(config)).contains("token = 'cairn_").doesNotContain("wilma-password-1");
        // The file alone is enough: no CAIRN_URL, no CAIRN_TOKEN.
        Map<String, String> fileOnly = Map.of("XDG_CONFIG_HOME", home.toString());
        assertThat(ok(fileOnly, "whoami").out()).contains("User:          wilma").contains("bedrock (viewer)")
                .contains("Admin:         no").contains("Server:        " + url());
        assertThat(ok(fileOnly, "list", "tokens").out()).contains("cli@" + LoginCommands.hostName() + " (this CLI)");
        CliRun refused = cli(fileOnly, "list", "users");
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("manage-people");

        assertThat(ok(fileOnly, "logout").out()).startsWith("signed out of " + url() + ": revoked its token");

        assertThat(config).doesNotExist();
        assertThat(ok(asAdmin(), "list", "audit", "--action", "token.revoke").out()).contains("wilma");
        CliRun signedOut = cli(person(), "whoami");
        assertThat(signedOut.exitCode()).isEqualTo(1);
        assertThat(signedOut.err()).contains("sign in with 'cairn login'");
    }

    @Test
    void aWrongPasswordSignsNobodyInAndIsAudited() {
        createUser("barney", "barney-password-1");

        CliRun refused = CliRun.withInput(person(), "not-his-password\n", Prompt.NONE,
                "login", "--user", "barney", "--password-stdin");

        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).startsWith("error: ").doesNotContain("not-his-password");
        assertThat(home.resolve("cairn").resolve("config.toml")).doesNotExist();
        JsonNode entries = json(ok(asAdmin(), "--json", "list", "audit", "--action", "sign-in"));
        assertThat(entries.valueStream().anyMatch(entry -> "barney".equals(entry.path("user").asString())
                && "denied".equals(entry.path("outcome").asString()))).as(entries.toString()).isTrue();
        assertThat(entries.toString()).doesNotContain("not-his-password");
    }

    @Test
    void aUserMakesATokenForAScriptAndRevokesIt() {
        createUser("betty", "betty-password-1");
        withStdin(person(), "betty-password-1", "login", "--user", "betty", "--password-stdin");
        Map<String, String> betty = Map.of("XDG_CONFIG_HOME", home.toString());

        CliRun created = ok(betty, "create", "token", "deploy", "--expires", "30d");

        List<String> lines = created.out().lines().toList();
        assertThat(lines.getFirst()).startsWith("created token deploy (").contains("which expires at 20");
        String secret = lines.get(1);
        assertThat(secret).startsWith("cairn_");
        assertThat(created.err()).contains("not shown again");
        assertThat(ok(withToken(secret), "whoami").out()).contains("User:          betty");
        assertThat(ok(betty, "list", "tokens").out()).contains("deploy").doesNotContain(secret);

        ok(betty, "revoke", "token", "deploy", "--yes");

        assertThat(ok(betty, "list", "tokens").out()).doesNotContain("deploy");
        assertThat(cli(withToken(secret), "whoami").exitCode()).isEqualTo(1);
        assertThat(ok(asAdmin(), "list", "audit", "--user", "betty", "--action", "token.").out())
                .contains("token.create").contains("token.revoke");
    }

    @Test
    void aTokenSignsInAsWellAsAPassword() {
        createUser("pebbles", "pebbles-password-1");
        Path first = home.resolve("first");
        Map<String, String> firstLogin = new HashMap<>(person());
        firstLogin.put("XDG_CONFIG_HOME", first.toString());
        withStdin(firstLogin, "pebbles-password-1", "login", "--user", "pebbles", "--password-stdin");
        String secret = ok(Map.of("XDG_CONFIG_HOME", first.toString()), "create", "token", "laptop").out().lines().toList().get(1);

        CliRun login = withStdin(person(), secret + "\n", "login", "--user", "pebbles", "--password-stdin");

        assertThat(login.out()).contains(" as pebbles (PEBBLES)");
        assertThat(ok(Map.of("XDG_CONFIG_HOME", home.toString()), "list", "tokens").out())
                .contains("laptop").contains("cli@" + LoginCommands.hostName() + "-2 (this CLI)");
    }

    @Test
    void theAuditLogReadsAsATableAndHonoursTheLimit() {
        ok(asAdmin(), "create", "team", "water-buffaloes");

        CliRun table = ok(asAdmin(), "list", "audit", "--action", "team.create");
        CliRun one = ok(asAdmin(), "--json", "list", "audit", "--limit", "1");

        assertThat(table.out()).startsWith("TIME").contains("USER", "ADDRESS", "ACTION", "OBJECT", "OUTCOME", "DETAIL")
                .contains("team.create").contains("water-buffaloes").contains("ok");
        assertThat(json(one).size()).isEqualTo(1);
    }
}
