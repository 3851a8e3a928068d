package dev.cairn.core;

import dev.cairn.core.instances.InstanceSettings;
import dev.cairn.core.task.TaskRunner.RunnerSettings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How a core is set up.
 *
 * @param dataDir         where {@code catalog.db}, {@code cairn.key} and {@code admin.token} live
 * @param catalogUrl      a {@code jdbc:postgresql:} URL, or null for SQLite in the data directory
 * @param devMode         seed 004's DEV mode: every job runs every minute
 * @param extraRecipients age public keys archives are also encrypted to (an offline recovery key)
 * @param runner          task parallelism and timeout
 * @param tickEvery       how often the scheduler looks for due jobs
 * @param serverName      this server's name among servers sharing a catalog
 * @param zstdLevel       compression level (1–19; 3 is zstd's default)
 * @param scheduling      whether this server fires schedules and sweeps retention (tests may turn it off)
 * @param pluginsDir      where external plugin programs are found, or null for none
 * @param instances       the port pool, times to live and engine account of images and instances
 */
public record CairnSettings(Path dataDir, String catalogUrl, boolean devMode, List<String> extraRecipients,
                            RunnerSettings runner, Duration tickEvery, String serverName, int zstdLevel,
                            boolean scheduling, Path pluginsDir, InstanceSettings instances) {
    public CairnSettings {
        extraRecipients = List.copyOf(extraRecipients);
        if (zstdLevel < 1 || zstdLevel > 19) {
            throw new CairnException.InvalidInput("zstd level must be between 1 and 19, got " + zstdLevel);
        }
    }

    /** Settings for a server on {@code dataDir} with everything else at its default. */
    public static CairnSettings defaults(Path dataDir) {
        return new CairnSettings(dataDir, null, false, List.of(), RunnerSettings.DEFAULT, Duration.ofSeconds(15),
                defaultServerName(), 3, true, dataDir.resolve("plugins"), InstanceSettings.defaults());
    }

    public CairnSettings withCatalog(String url) {
        return new CairnSettings(dataDir, url, devMode, extraRecipients, runner, tickEvery, serverName, zstdLevel, scheduling,
                pluginsDir, instances);
    }

    public CairnSettings withDevMode(boolean dev) {
        return new CairnSettings(dataDir, catalogUrl, dev, extraRecipients, runner, tickEvery, serverName, zstdLevel, scheduling,
                pluginsDir, instances);
    }

    public CairnSettings withServerName(String name) {
        return new CairnSettings(dataDir, catalogUrl, devMode, extraRecipients, runner, tickEvery, name, zstdLevel, scheduling,
                pluginsDir, instances);
    }

    public CairnSettings withScheduling(boolean on, Duration every) {
        return new CairnSettings(dataDir, catalogUrl, devMode, extraRecipients, runner, every, serverName, zstdLevel, on, pluginsDir, instances);
    }

    public CairnSettings withRunner(RunnerSettings settings) {
        return new CairnSettings(dataDir, catalogUrl, devMode, extraRecipients, settings, tickEvery, serverName, zstdLevel, scheduling,
                pluginsDir, instances);
    }

    public CairnSettings withZstdLevel(int level) {
        return new CairnSettings(dataDir, catalogUrl, devMode, extraRecipients, runner, tickEvery, serverName, level, scheduling,
                pluginsDir, instances);
    }

    public CairnSettings withExtraRecipients(List<String> recipients) {
        return new CairnSettings(dataDir, catalogUrl, devMode, recipients, runner, tickEvery, serverName, zstdLevel, scheduling,
                pluginsDir, instances);
    }

    public CairnSettings withPluginsDir(Path directory) {
        return new CairnSettings(dataDir, catalogUrl, devMode, extraRecipients, runner, tickEvery, serverName, zstdLevel, scheduling,
                directory, instances);
    }

    public CairnSettings withInstances(InstanceSettings settings) {
        return new CairnSettings(dataDir, catalogUrl, devMode, extraRecipients, runner, tickEvery, serverName, zstdLevel, scheduling,
                pluginsDir, settings);
    }

    private static String defaultServerName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "cairn";
        }
    }
}
