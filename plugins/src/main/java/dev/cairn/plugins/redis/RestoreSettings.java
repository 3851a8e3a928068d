package dev.cairn.plugins.redis;

import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.PluginException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to put an RDB file in place on the Redis host.
 *
 * @param rdbPath      the file Redis loads at start; empty to ask Redis (CONFIG GET dir and dbfilename)
 * @param stopCommand  shell command that stops Redis; empty to send SHUTDOWN NOSAVE
 * @param startCommand shell command that starts Redis and returns once it is started
 * @param startTimeout how long Redis may take to answer and load the data after the start command
 */
record RestoreSettings(Optional<Path> rdbPath, Optional<String> stopCommand, String startCommand, Duration startTimeout) {
    RestoreSettings {
        if (startCommand == null || startCommand.isBlank()) {
            throw new PluginException("redis restore needs 'start_command', the shell command that starts Redis"
                    + " again after its RDB file was replaced (such as: systemctl start redis-server)");
        }
        if (rdbPath.isPresent() && !rdbPath.get().isAbsolute()) {
            throw new PluginException("redis endpoint field 'rdb_path' must be an absolute path, got " + rdbPath.get());
        }
        if (startTimeout.isNegative() || startTimeout.isZero()) {
            throw new PluginException("redis endpoint field 'start_timeout' must be positive, got " + startTimeout.toSeconds());
        }
    }

    static RestoreSettings from(Endpoint endpoint) {
        return new RestoreSettings(
                endpoint.string("rdb_path").filter(path -> !path.isBlank()).map(Path::of),
                endpoint.string("stop_command").filter(command -> !command.isBlank()),
                endpoint.string("start_command").orElse(""),
                Duration.ofSeconds(endpoint.integer("start_timeout").orElseThrow()));
    }
}
