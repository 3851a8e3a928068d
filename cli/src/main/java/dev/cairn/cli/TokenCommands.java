package dev.cairn.cli;

import static dev.cairn.cli.Fields.text;
import static dev.cairn.cli.Fields.time;

import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** Commands on your own API tokens: for scripts and programs that act as you. */
final class TokenCommands {

    private TokenCommands() {
    }

    @Command(name = "token", aliases = "tokens",
            description = "Create an API token that acts as you; it is printed once, and never shown again.")
    static final class CreateToken extends ApiCommand {

        @Parameters(paramLabel = "NAME", description = "What the token is for, e.g. 'deploy-script'.")
        String name;

        @Option(names = "--expires", paramLabel = "DURATION", converter = Converters.Seconds.class,
                description = "Stop working after this long (30d, 12h, 4w); by default it does not expire.")
        Long expires;

        @Override
        public Integer call() {
            ObjectNode body = body().put("name", name);
            if (expires != null) {
                body.put("expires_in", expires);
            }
            JsonNode reply = api().post(Kind.TOKEN.listPath().toString(), body);
            if (terminal().json()) {
                terminal().printJson(reply);
                return 0;
            }
            String expiresAt = time(reply, "expires_at");
            terminal().line("created token " + name + " (" + text(reply, "uuid") + ")"
                    + (expiresAt == null ? ", which does not expire" : ", which expires at " + expiresAt));
            terminal().line(text(reply, "token"));
            terminal().error("Keep this token now: it is not shown again. Revoke it with 'cairn revoke token " + name + "'.");
            return 0;
        }
    }

    @Command(name = "tokens", aliases = "token", description = "List your API tokens (never their secrets).")
    static final class ListTokens extends ApiCommand {

        @Override
        public Integer call() {
            String cliToken = ConfigFile.of(invocation().env()).flatMap(ConfigFile::login)
                    .filter(login -> ConfigFile.sameServer(login.url(), api().url()))
                    .map(ConfigFile.Login::tokenUuid).orElse(null);
            return list(Kind.TOKEN, Kind.TOKEN.listPath(), tokens -> table(tokens, cliToken));
        }
    }

    @Command(name = "token", aliases = "tokens", description = "Revoke one of your API tokens: it stops working at once.")
    static final class RevokeToken extends ApiCommand {

        @Parameters(paramLabel = "TOKEN", description = "The token's name or uuid.")
        String token;

        @Option(names = {"-y", "--yes"}, description = "Do not ask for confirmation at a terminal.")
        boolean yes;

        @Override
        public Integer call() {
            Resolved item = resolve(Kind.TOKEN, token);
            confirm(yes, "Revoke token " + item.describe() + "? Whatever uses it is refused from now on.");
            JsonNode reply = api().delete(Kind.TOKEN.itemPath(item.uuid()));
            Optional<ConfigFile> config = ConfigFile.of(invocation().env());
            boolean signedOut = config.flatMap(ConfigFile::login)
                    .filter(login -> item.uuid().equals(login.tokenUuid()) && ConfigFile.sameServer(login.url(), api().url()))
                    .isPresent();
            if (signedOut) {
                config.get().forget();
            }
            return report(reply, "revoked token " + item.describe()
                    + (signedOut ? "; it was this CLI's login, removed from " + config.get().path() : ""));
        }
    }

    static Table table(List<JsonNode> tokens, String cliToken) {
        Table table = Table.withColumns("UUID", "NAME", "CREATED AT", "EXPIRES AT", "LAST USED AT");
        tokens.forEach(token -> {
            String uuid = text(token, "uuid");
            table.row(uuid, text(token, "name") + (uuid != null && uuid.equals(cliToken) ? " (this CLI)" : ""),
                    time(token, "created_at"), time(token, "expires_at"), time(token, "last_used_at"));
        });
        return table;
    }
}
