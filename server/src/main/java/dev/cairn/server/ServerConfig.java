package dev.cairn.server;

import dev.cairn.core.CairnException;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.instances.InstanceSettings;
import dev.cairn.core.task.TaskRunner.RunnerSettings;
import dev.cairn.server.auth.AuthSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.type.TypeReference;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * What {@code cairn server} is started with: flags, then the TOML file of {@code --config}, then
 * defaults. Every key of the file is listed in the README's configuration reference; the {@code [ldap]}
 * and {@code [auth.proxy]} tables are {@link AuthSettings}.
 */
public record ServerConfig(Path dataDir, String host, int port, String catalogUrl, boolean devMode,
                           List<String> recipients, int zstdLevel, Duration taskTimeout, int parallelTasks,
                           String serverName, Path pluginsDir, AuthSettings auth, Listen metricsListen,
                           InstanceSettings instances) {

    private static final Set<String> KEYS = Set.of("data", "listen", "catalog", "recipients", "zstd_level",
            "task_timeout", "parallel_tasks", "server_name", "plugins_dir", "ldap", "auth", "metrics_listen",
            "instance_ports", "instance_host", "instance_ttl", "instance_max_ttl", "instance_account", "instance_idle");

    /** Reads flags (null when not given) over the optional config file. */
    public static ServerConfig from(Path dataDir, String listen, String catalog, Path configFile, boolean devMode) {
        return from(dataDir, listen, catalog, configFile, devMode, System.getenv());
    }

    /** Like {@link #from(Path, String, String, Path, boolean)}, with {@code environment} for settings read from it. */
    public static ServerConfig from(Path dataDir, String listen, String catalog, Path configFile, boolean devMode,
                                    Map<String, String> environment) {
        Map<String, Object> file = configFile == null ? Map.of() : read(configFile);
        String data = dataDir != null ? dataDir.toString() : (String) file.getOrDefault("data", "./cairn-data");
        Listen address = Listen.parse("listen", listen != null ? listen : (String) file.getOrDefault("listen", "127.0.0.1:8080"));
        Listen metrics = file.containsKey("metrics_listen") ? Listen.parse("metrics_listen", (String) file.get("metrics_listen")) : null;
        String catalogUrl = catalog != null ? catalog : (String) file.get("catalog");
        @SuppressWarnings("unchecked")
        List<String> recipients = (List<String>) file.getOrDefault("recipients", List.of());
        int level = ((Number) file.getOrDefault("zstd_level", 3)).intValue();
        Duration timeout = Durations.parse("task_timeout", String.valueOf(file.getOrDefault("task_timeout", "12h")));
        int parallel = ((Number) file.getOrDefault("parallel_tasks", 2)).intValue();
        String name = (String) file.get("server_name");
        Path plugins = file.containsKey("plugins_dir") ? Path.of((String) file.get("plugins_dir")) : Path.of(data, "plugins");
        AuthSettings auth = AuthSettings.from(file.get("ldap"), file.get("auth"), environment, String.valueOf(configFile));
        InstanceSettings defaults = InstanceSettings.defaults();
        InstanceSettings instances = defaults.withPorts(String.valueOf(file.getOrDefault("instance_ports", InstanceSettings.DEFAULT_PORTS)))
                .withHost(String.valueOf(file.getOrDefault("instance_host", defaults.host())))
                .withTtl(Durations.parse("instance_ttl", String.valueOf(file.getOrDefault("instance_ttl", "24h"))),
                        Durations.parse("instance_max_ttl", String.valueOf(file.getOrDefault("instance_max_ttl", "7d"))))
                .withAccount(String.valueOf(file.getOrDefault("instance_account", defaults.account())))
                .withIdleTimeout(idle(file.getOrDefault("instance_idle", "8h")));
        return new ServerConfig(Path.of(data), address.host(), address.port(), catalogUrl, devMode, recipients,
                level, timeout, parallel, name, plugins, auth, metrics, instances);
    }

    /** {@code instance_idle}: a duration such as {@code 8h}, or 0 (or "off") for no idle timeout. */
    private static Duration idle(Object value) {
        String text = String.valueOf(value).trim();
        return text.equals("0") || text.equals("off") ? Duration.ZERO : Durations.parse("instance_idle", text);
    }

    /** This configuration with external plugins found in {@code directory} (the {@code --plugins} flag). */
    public ServerConfig withPluginsDir(Path directory) {
        return new ServerConfig(dataDir, host, port, catalogUrl, devMode, recipients, zstdLevel, taskTimeout, parallelTasks,
                serverName, directory, auth, metricsListen, instances);
    }

    /** A {@code HOST:PORT} to listen on (port 0: a free one). */
    public record Listen(String host, int port) {
        static Listen parse(String setting, String address) {
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                throw new CairnException.InvalidInput(setting + " must be HOST:PORT, got " + address);
            }
            try {
                return new Listen(address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new CairnException.InvalidInput(setting + " must be HOST:PORT with a numeric port, got " + address);
            }
        }
    }

    private static Map<String, Object> read(Path file) {
        try {
            Map<String, Object> values = new TomlMapper().readValue(Files.readString(file), new TypeReference<Map<String, Object>>() {
            });
            for (String key : values.keySet()) {
                if (!KEYS.contains(key)) {
                    throw new CairnException.InvalidInput("unknown setting '" + key + "' in " + file + " (settings: "
                            + String.join(", ", KEYS.stream().sorted().toList()) + ")");
                }
            }
            return values;
        } catch (IOException e) {
            throw new CairnException.InvalidInput("cannot read config file " + file + ": " + e.getMessage());
        } catch (tools.jackson.core.JacksonException e) {
            throw new CairnException.InvalidInput("config file " + file + " is not valid TOML: " + e.getOriginalMessage());
        } catch (ClassCastException e) {
            throw new CairnException.InvalidInput("a setting in " + file + " has the wrong type: " + e.getMessage());
        }
    }

    /** The core's settings for this configuration. */
    public CairnSettings coreSettings() {
        CairnSettings settings = CairnSettings.defaults(dataDir).withCatalog(catalogUrl).withDevMode(devMode)
                .withExtraRecipients(recipients).withRunner(new RunnerSettings(parallelTasks, taskTimeout))
                .withZstdLevel(zstdLevel).withPluginsDir(pluginsDir).withInstances(instances);
        return serverName == null ? settings : settings.withServerName(serverName);
    }
}
