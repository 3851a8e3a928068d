package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Signing in and out: {@code cairn login}, {@code cairn logout} and {@code cairn whoami}. */
final class LoginCommands {

    /** The tokens {@code cairn login} makes are named this, then the host's name. */
    static final String TOKEN_PREFIX = "cli@";
    private static final ApiPath MY_TOKENS = Kind.TOKEN.listPath();

    private LoginCommands() {
    }

    @Command(name = "login",
            description = {"Sign in to a Cairn server: asks for your user name and your password (or one of your",
                    "tokens) without showing it, makes an API token named cli@HOST for this CLI, and keeps it",
                    "with the server's URL in ${XDG_CONFIG_HOME:-~/.config}/cairn/config.toml, readable by you",
                    "alone. Later commands use it unless --token, CAIRN_TOKEN or CAIRN_TOKEN_FILE say otherwise."})
    static final class Login extends ApiCommand {

        @Option(names = "--user", paramLabel = "NAME", description = "Your user name (asked at a terminal when not given).")
        String user;

        @Option(names = "--password-stdin",
                description = "Read the password (or token) from standard input, when it is not a terminal.")
        boolean passwordStdin;

        @Override
        public Integer call() {
            ConfigFile config = configFile();
            URI url = Connection.url(urlOption(), invocation());
            String name = user != null ? user : invocation().prompt().line("User name: ");
            if (name == null || name.isBlank()) {
                throw new CliException(invocation().prompt().available() ? "no user name given: not signed in"
                        : "no terminal to ask for the user name: give --user NAME");
            }
            name = name.strip();
            char[] password = secret("Password (or token) for " + name + ": ", passwordStdin, false);
            if (password == null) {
                throw new CliException("no terminal to ask for the password: pipe it in with --password-stdin");
            }
            JsonNode created;
            try (CairnApi basic = new CairnApi(Connection.basic(url, name, password), JsonMapper.shared())) {
                String tokenName = freeName(basic.list(MY_TOKENS), TOKEN_PREFIX + hostName());
                created = basic.post(MY_TOKENS.toString(), body().put("name", tokenName));
            } finally {
                java.util.Arrays.fill(password, '\0');
            }
            String secret = text(created, "token");
            String uuid = text(created, "uuid");
            if (secret == null) {
                throw new CliException("POST " + MY_TOKENS + " answered without a token");
            }
            Optional<ConfigFile.Login> previous = config.login();
            config.save(new ConfigFile.Login(url.toString(), secret, uuid));
            boolean replaced = previous.filter(kept -> ConfigFile.sameServer(kept.url(), url))
                    .filter(kept -> kept.tokenUuid() != null && !kept.tokenUuid().equals(uuid))
                    .map(kept -> revokeQuietly(url, kept))
                    .orElse(false);
            JsonNode me;
            try (CairnApi signedIn = new CairnApi(Connection.bearer(url, secret), JsonMapper.shared())) {
                me = signedIn.get("/v1/me");
            }
            ObjectNode reply = body().put("ok", "signed in").put("url", url.toString()).put("user", text(me, "name"))
                    .put("token_name", text(created, "name")).put("token_uuid", uuid)
                    .put("expires_at", text(created, "expires_at")).put("config", config.path().toString());
            return report(reply, "signed in to " + url + " as " + who(me) + "; token " + text(created, "name")
                    + " kept in " + config.path() + (replaced ? " (the earlier login's token is revoked)" : ""));
        }

        /** {@code wanted}, or {@code wanted-2}, {@code wanted-3}…: the first no token of the user has yet. */
        static String freeName(List<JsonNode> tokens, String wanted) {
            Set<String> taken = tokens.stream().map(token -> text(token, "name")).collect(Collectors.toSet());
            String name = wanted;
            for (int n = 2; taken.contains(name); n++) {
                name = wanted + "-" + n;
            }
            return name;
        }

        private static boolean revokeQuietly(URI url, ConfigFile.Login kept) {
            try (CairnApi old = new CairnApi(Connection.bearer(url, kept.token()), JsonMapper.shared())) {
                old.delete(Kind.TOKEN.itemPath(kept.tokenUuid()));
                return true;
            } catch (CliException e) {
                // Expired or revoked already: nothing is left to revoke.
                return false;
            }
        }
    }

    @Command(name = "logout",
            description = "Revoke the token 'cairn login' made and remove it from the config file.")
    static final class Logout extends ApiCommand {

        @Override
        public Integer call() {
            ConfigFile config = configFile();
            URI url = Connection.url(urlOption(), invocation());
            Optional<ConfigFile.Login> kept = config.login();
            if (kept.isEmpty()) {
                return report(body().put("ok", "not signed in"), "not signed in: " + config.path() + " holds no token");
            }
            if (!ConfigFile.sameServer(kept.get().url(), url)) {
                return report(body().put("ok", "not signed in").put("url", url.toString()),
                        "not signed in to " + url + " (" + config.path() + " holds a login to " + kept.get().url() + ")");
            }
            String revoked = revoke(url, kept.get());
            config.forget();
            return report(body().put("ok", "signed out").put("url", url.toString()),
                    "signed out of " + url + ": " + revoked + "; removed it from " + config.path());
        }

        private static String revoke(URI url, ConfigFile.Login kept) {
            if (kept.tokenUuid() == null) {
                return "the token was NOT revoked (the file did not say which it is: see 'cairn list tokens')";
            }
            try (CairnApi api = new CairnApi(Connection.bearer(url, kept.token()), JsonMapper.shared())) {
                api.delete(Kind.TOKEN.itemPath(kept.tokenUuid()));
                return "revoked its token";
            } catch (CliException e) {
                if (e.status() == 401 || e.status() == 404) {
                    return "its token was no longer valid";
                }
                // Unreachable or refused otherwise: keep the file, so that logout can be tried again.
                throw new CliException("cannot revoke the token: " + e.getMessage() + " (the login is kept)", e);
            }
        }
    }

    @Command(name = "whoami", description = "Show who the server takes you for: your user, how you signed in, your teams and roles.")
    static final class WhoAmI extends ApiCommand {

        @Override
        public Integer call() {
            JsonNode me;
            try {
                me = api().get("/v1/me");
            } catch (CliException e) {
                if (e.status() == 401) {
                    throw new CliException(e.getMessage() + " (sign in with 'cairn login')", e.status());
                }
                throw e;
            }
            if (terminal().json()) {
                terminal().printJson(me);
                return 0;
            }
            terminal().print(new Details()
                    .field("User", text(me, "name"))
                    .field("Display name", blankAsNull(text(me, "display_name")))
                    .field("UUID", text(me, "uuid"))
                    .field("Admin", Fields.yesNo(me, "admin"))
                    .field("Signed in via", text(me, "via"))
                    .field("Server", api().url().toString())
                    .field("Teams", PeopleText.teams(me.path("teams"))));
            return 0;
        }
    }

    /** "fred" or "fred (Fred Flintstone)". */
    static String who(JsonNode user) {
        String display = blankAsNull(text(user, "display_name"));
        String name = text(user, "name");
        return display == null || display.equals(name) ? name : name + " (" + display + ")";
    }

    static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }

    /** This machine's name, as people know it, for the name of the token {@code cairn login} makes. */
    static String hostName() {
        try {
            String name = InetAddress.getLocalHost().getHostName();
            return name == null || name.isBlank() ? "localhost" : name;
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
