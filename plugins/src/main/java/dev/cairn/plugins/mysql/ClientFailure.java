package dev.cairn.plugins.mysql;

import dev.cairn.plugin.PluginException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns the failure of a MySQL/MariaDB program, whose message quotes its last stderr lines, into
 * one line that says what went wrong: a wrong user or password, a server that cannot be reached,
 * a database that does not exist. Other failures keep the program's own words.
 */
final class ClientFailure {
    private record Kind(List<String> markers, String explanation) {
    }

    // The clients of both projects print these texts (e.g. "Access denied for user 'app'@'10.0.0.5'
    // (using password: YES)", "Can't connect to server on '127.0.0.1' (111)").
    private static final List<Kind> KINDS = List.of(
            new Kind(List.of("access denied for user", "(using password"), "wrong user or password"),
            new Kind(List.of("access denied for user"), "the user lacks a privilege"),
            new Kind(List.of("can't connect to"), "cannot reach the server"),
            new Kind(List.of("unknown server host"), "cannot reach the server (unknown host)"),
            new Kind(List.of("lost connection to"), "lost the connection to the server"),
            new Kind(List.of("unknown database"), "the database does not exist"));

    private ClientFailure() {
    }

    /** {@code failure} explained for {@code db}, or as it is when its cause is not recognised. */
    static PluginException explain(PluginException failure, String program, MySqlConnection db) {
        String message = String.valueOf(failure.getMessage());
        String lower = message.toLowerCase(Locale.ROOT);
        for (Kind kind : KINDS) {
            if (kind.markers().stream().allMatch(lower::contains)) {
                String said = serverLine(message, kind.markers().getFirst()).orElse(message);
                return new PluginException(program + " at " + db.user() + "@" + db.host() + ":" + db.port() + ": "
                        + kind.explanation() + " (" + said + ")", failure);
            }
        }
        return failure;
    }

    // The message is "PROGRAM exited with status N: line / line / …": keep the line that says why.
    private static Optional<String> serverLine(String message, String marker) {
        for (String part : message.split(" / |: (?=ERROR |Got error)")) {
            if (part.toLowerCase(Locale.ROOT).contains(marker)) {
                return Optional.of(part.strip());
            }
        }
        return Optional.empty();
    }
}
