package dev.cairn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cairn login}, {@code logout} and {@code whoami}, the config file they keep, and where a command's token comes from. */
class LoginTest {

    private static final String TOKEN_UUID = "6d2b0c55-9b5e-4c1e-a0f1-3c5e8b7a1d20";
    private static final String SECRET = "cairn_0123456789abcdef";
    private static final String ME = """
            {"uuid":"0c6f7f1e-3b8d-4d36-9a43-5c1b0b7e2a11","name":"fred","display_name":"Fred Flintstone",
             "admin":false,"via":"token","teams":[{"uuid":"u1","name":"ops","role":"operator"},
             {"uuid":"u2","name":"web","role":"viewer"}]}""";

    private final FakeCairn fake = FakeCairn.start();

    @TempDir
    Path home;

    @AfterEach
    void stopFake() {
        fake.close();
    }

    private Map<String, String> env(String... more) {
        Map<String, String> env = new HashMap<>(Map.of("XDG_CONFIG_HOME", home.toString(), "CAIRN_URL", fake.url()));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    private Path configFile() {
        return home.resolve("cairn").resolve("config.toml");
    }

    private void serveLogin(String existingTokens) {
        fake.on("GET", "/v1/me/tokens", existingTokens)
                .on("POST", "/v1/me/tokens", request -> FakeCairn.Reply.ok("{\"ok\":\"created\",\"uuid\":\"" + TOKEN_UUID
                        + "\",\"name\":\"" + request.json().path("name").asString() + "\",\"token\":\"" + SECRET
                        + "\",\"expires_at\":\"\"}"))
                .on("GET", "/v1/me", ME);
    }

    private static String basic(String user, String secret) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + secret).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void loginWithThePasswordOnStandardInputMakesATokenAndKeepsItReadableByTheOwnerAlone() throws IOException {
        String host = LoginCommands.hostName();
        serveLogin("[{\"uuid\":\"x\",\"name\":\"cli@" + host + "\"}]");

        CliRun run = CliRun.withInput(env(), "pass word\n", Prompt.NONE, "login", "--user", "fred", "--password-stdin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("signed in to " + fake.url() + " as fred (Fred Flintstone); token cli@" + host
                + "-2 kept in " + configFile() + "\n");
        assertThat(fake.only("GET", "/v1/me/tokens").authorization()).isEqualTo(basic("fred", "pass word"));
        FakeCairn.Request created = fake.only("POST", "/v1/me/tokens");
        assertThat(created.authorization()).isEqualTo(basic("fred", "pass word"));
        assertThat(created.json().toString()).isEqualTo("{\"name\":\"cli@" + host + "-2\"}");
        assertThat(fake.only("GET", "/v1/me").authorization()).isEqualTo("Bearer " + SECRET);
        assertThat(Files.readString(configFile())).contains("url = '" + fake.url() + "'", "token = '" + SECRET + "'",
                "token_uuid = '" + TOKEN_UUID + "'");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile().getParent())))
                .isEqualTo("rwx------");
        try (var files = Files.list(configFile().getParent())) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly("config.toml");
        }
        assertThat(run.out() + run.err()).doesNotContain("pass word").doesNotContain(SECRET);
    }

    @Test
    void loginAtATerminalAsksForTheUserAndThePassword() {
        serveLogin("[]");
        ScriptedPrompt person = new ScriptedPrompt("fred", "s3cret");

        CliRun run = CliRun.withInput(env(), "", person, "login");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(person.asked()).containsExactly("User name: ", "Password (or token) for fred: ");
        assertThat(fake.only("POST", "/v1/me/tokens").authorization()).isEqualTo(basic("fred", "s3cret"));
        assertThat(fake.only("POST", "/v1/me/tokens").json().path("name").asString())
                .isEqualTo("cli@" + LoginCommands.hostName());
    }

    @Test
    void loginWithoutATerminalNeedsTheUserAndThePasswordGiven() {
        CliRun noUser = CliRun.withInput(env(), "pw", Prompt.NONE, "login", "--password-stdin");
        CliRun noPassword = CliRun.withInput(env(), "pw", Prompt.NONE, "login", "--user", "fred");
        CliRun emptyStdin = CliRun.withInput(env(), "\n", Prompt.NONE, "login", "--user", "fred", "--password-stdin");

        assertThat(noUser.exitCode()).isEqualTo(1);
        assertThat(noUser.err()).isEqualTo("error: no terminal to ask for the user name: give --user NAME\n");
        assertThat(noPassword.exitCode()).isEqualTo(1);
        assertThat(noPassword.err()).isEqualTo("error: no terminal to ask for the password: pipe it in with --password-stdin\n");
        assertThat(emptyStdin.err()).isEqualTo("error: --password-stdin: standard input held no password\n");
        assertThat(fake.requests()).isEmpty();
        assertThat(configFile()).doesNotExist();
    }

    @Test
    void aRefusedLoginWritesNothing() {
        fake.on("GET", "/v1/me/tokens", request -> new FakeCairn.Reply(401,
                "{\"error\":\"the user name and password (or token) are not valid\"}"));

        CliRun run = CliRun.withInput(env(), "wrong", Prompt.NONE, "login", "--user", "fred", "--password-stdin");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: the user name and password (or token) are not valid\n");
        assertThat(configFile()).doesNotExist();
    }

    @Test
    void loggingInAgainRevokesTheEarlierTokenAndKeepsTheFilesOtherSettings() throws IOException {
        Files.createDirectories(configFile().getParent());
        Files.writeString(configFile(), """
                color = 'never'
                url = '%s'
                token = 'cairn_old'
                token_uuid = '11111111-2222-3333-4444-555555555555'
                """.formatted(fake.url()));
        serveLogin("[]");
        fake.on("DELETE", "/v1/me/token/11111111-2222-3333-4444-555555555555", "{\"ok\":\"revoked\"}");

        CliRun run = CliRun.withInput(env(), "pw", Prompt.NONE, "login", "--user", "fred", "--password-stdin");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).endsWith(" (the earlier login's token is revoked)\n");
        assertThat(fake.only("DELETE", "/v1/me/token/11111111-2222-3333-4444-555555555555").authorization())
                .isEqualTo("Bearer cairn_old");
        assertThat(Files.readString(configFile())).contains("color = 'never'", "token = '" + SECRET + "'")
                .doesNotContain("cairn_old");
    }

    @Test
    void commandsUseTheKeptTokenButTheOptionAndTheEnvironmentWin() throws IOException {
        keepLogin(fake.url());
        fake.on("GET", "/v1/plugins", "[]");
        Map<String, String> noUrl = Map.of("XDG_CONFIG_HOME", home.toString());

        CliRun.of(noUrl, Path.of("."), "list", "plugins");
        CliRun.of(env(), Path.of("."), "list", "plugins");
        CliRun.of(env("CAIRN_TOKEN", "from-env"), Path.of("."), "list", "plugins");
        CliRun.of(env("CAIRN_TOKEN", "from-env"), Path.of("."), "list", "plugins", "--token", "from-option");

        assertThat(fake.requests()).extracting(FakeCairn.Request::authorization)
                .containsExactly("Bearer " + SECRET, "Bearer " + SECRET, "Bearer from-env", "Bearer from-option");
    }

    @Test
    void theKeptTokenIsNeverSentToAnotherServer() throws IOException {
        keepLogin("http://cairn.example.com:8080");
        fake.on("GET", "/v1/plugins", "[]");

        CliRun.of(env(), Path.of("."), "list", "plugins");

        assertThat(fake.only("GET", "/v1/plugins").authorization()).isNull();
    }

    @Test
    void homeStandsInForXdgConfigHome() throws IOException {
        Path file = home.resolve(".config").resolve("cairn").resolve("config.toml");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "url = '" + fake.url() + "'\ntoken = 'from-home'\n");
        fake.on("GET", "/v1/plugins", "[]");

        CliRun.of(Map.of("HOME", home.toString()), Path.of("."), "list", "plugins");

        assertThat(fake.only("GET", "/v1/plugins").authorization()).isEqualTo("Bearer from-home");
    }

    @Test
    void logoutRevokesTheTokenAndRemovesTheFile() throws IOException {
        keepLogin(fake.url());
        fake.on("DELETE", "/v1/me/token/" + TOKEN_UUID, "{\"ok\":\"revoked\"}");

        CliRun run = CliRun.of(Map.of("XDG_CONFIG_HOME", home.toString()), Path.of("."), "logout");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).isEqualTo("signed out of " + fake.url() + ": revoked its token; removed it from "
                + configFile() + "\n");
        assertThat(fake.only("DELETE", "/v1/me/token/" + TOKEN_UUID).authorization()).isEqualTo("Bearer " + SECRET);
        assertThat(configFile()).doesNotExist();
    }

    @Test
    void logoutOfATokenNoLongerValidStillRemovesIt() throws IOException {
        keepLogin(fake.url());
        fake.on("DELETE", "/v1/me/token/" + TOKEN_UUID, request -> new FakeCairn.Reply(401,
                "{\"error\":\"the bearer token is not valid\"}"));

        CliRun run = CliRun.of(env(), Path.of("."), "logout");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("its token was no longer valid");
        assertThat(configFile()).doesNotExist();
    }

    @Test
    void logoutKeepsTheLoginWhenTheServerCannotBeReached() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        keepLogin("http://127.0.0.1:" + closedPort);

        CliRun run = CliRun.of(Map.of("XDG_CONFIG_HOME", home.toString()), Path.of("."), "logout");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: cannot revoke the token: cannot reach Cairn at").endsWith("(the login is kept)\n");
        assertThat(Files.readString(configFile())).contains(SECRET);
    }

    @Test
    void logoutWithoutALoginSaysSo() {
        CliRun run = CliRun.of(env(), Path.of("."), "logout");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("not signed in: " + configFile() + " holds no token\n");
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void whoamiShowsTheUserTheirTeamsAndTheServer() {
        fake.on("GET", "/v1/me", ME);

        CliRun run = CliRun.against(fake, "whoami");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).isEqualTo("""
                User:          fred
                Display name:  Fred Flintstone
                UUID:          0c6f7f1e-3b8d-4d36-9a43-5c1b0b7e2a11
                Admin:         no
                Signed in via: token
                Server:        %s
                Teams:         ops (operator), web (viewer)
                """.formatted(fake.url()));
    }

    @Test
    void whoamiWithoutCredentialsPointsAtLogin() {
        fake.on("GET", "/v1/me", request -> new FakeCairn.Reply(401, "{\"error\":\"this endpoint needs credentials\"}"));

        CliRun run = CliRun.of(Map.of("CAIRN_URL", fake.url()), Path.of("."), "whoami");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).isEqualTo("error: this endpoint needs credentials (sign in with 'cairn login')\n");
    }

    @Test
    void aDirectoryThatWasThereIsMadeTheOwnersAlone() throws IOException {
        Path directory = Files.createDirectories(configFile().getParent(),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        ConfigFile config = new ConfigFile(configFile());

        config.save(new ConfigFile.Login(fake.url(), SECRET, null));

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile()))).isEqualTo("rw-------");
        assertThat(config.login()).contains(new ConfigFile.Login(fake.url(), SECRET, null));
    }

    @Test
    void aConfigFileThatIsNotTomlIsNamedInTheError() throws IOException {
        Files.createDirectories(configFile().getParent());
        Files.writeString(configFile(), "token = \n");

        CliRun run = CliRun.of(env(), Path.of("."), "list", "plugins");

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("error: " + configFile() + " is not valid TOML: ");
    }

    private void keepLogin(String url) throws IOException {
        new ConfigFile(configFile()).save(new ConfigFile.Login(url, SECRET, TOKEN_UUID));
    }
}
