package dev.cairn.plugins.mysql;

import dev.cairn.plugin.ChildProcess;
import dev.cairn.plugin.PluginException;
import dev.cairn.plugin.ProcessSpec;
import dev.cairn.plugin.TaskContext;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The mysql target's connection test: the dump program a backup needs is installed, and the client
 * connects as the endpoint's user to its database (none when it names none) and reads the server's
 * version. A failure is explained as {@link ClientFailure} explains a backup's.
 */
final class MySqlConnectionCheck {
    /** Shorter than a backup's: someone waits for the answer. */
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int MAX_REPLY = 4096;

    private MySqlConnectionCheck() {
    }

    static String check(MySqlConnection db, TaskContext context) throws IOException {
        ClientPrograms.dump();
        String client = ClientPrograms.client();
        String name = Path.of(client).getFileName().toString();
        db.requireAnswer(name, CONNECT_TIMEOUT);
        List<String> options = new ArrayList<>(db.options());
        options.addAll(List.of("--connect-timeout=" + CONNECT_TIMEOUT.toSeconds(), "--batch", "--skip-column-names"));
        if (!db.allDatabases()) {
            options.add("--database=" + db.database());
        }
        options.add("--execute=SELECT VERSION()");
        String version;
        try (OptionFile file = OptionFile.forPassword(db.password(), context);
             ChildProcess child = context.spawn(ProcessSpec.of(file.command(client, options), Map.of()))) {
            child.stdin().close();
            try (InputStream stdout = child.stdout()) {
                version = new String(stdout.readNBytes(MAX_REPLY), StandardCharsets.UTF_8).strip();
            }
            child.await();
        } catch (PluginException e) {
            throw ClientFailure.explain(e, name, db);
        }
        return "connected to " + db + ", server version " + version;
    }
}
