package dev.cairn.agent;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;

/**
 * How an agent reaches its core and what it calls itself.
 *
 * @param core       the core's base URL, such as {@code http://10.0.0.5:8080}
 * @param token      the API token it presents; never logged
 * @param name       the name targets give in their {@code agent} field
 * @param pluginsDir a directory of external plugin programs, or null for the built-in plugins only
 * @param privateDir where plugins keep files that hold secrets (0700, emptied at start), or null for
 *                   {@link #defaultPrivateDir}
 */
public record AgentSettings(URI core, String token, String name, Path pluginsDir, Path privateDir) {
    public AgentSettings {
        Objects.requireNonNull(core, "core");
        if (!"http".equals(core.getScheme()) && !"https".equals(core.getScheme()) || core.getHost() == null) {
            throw new IllegalArgumentException("the core's URL must be http://HOST:PORT or https://HOST:PORT, got " + core);
        }
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("an agent needs the core's API token (--token, CAIRN_TOKEN or CAIRN_TOKEN_FILE)");
        }
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._:@-]{0,99}")) {
            throw new IllegalArgumentException("an agent's name is 1 to 100 letters, digits, '.', '_', ':', '@' or '-', got " + name);
        }
        String url = core.toString();
        core = URI.create(url.endsWith("/") ? url.substring(0, url.length() - 1) : url);
        if (privateDir == null) {
            privateDir = defaultPrivateDir(name, System.getenv());
        }
    }

    /** Settings with the {@link #defaultPrivateDir default private directory}. */
    public AgentSettings(URI core, String token, String name, Path pluginsDir) {
        this(core, token, name, pluginsDir, null);
    }

    /**
     * {@code $XDG_RUNTIME_DIR/cairn-agent-NAME} (a per-user memory file system, emptied at logout
     * and reboot) when that is set, else {@code ~/.cairn/agent-NAME/private}.
     */
    public static Path defaultPrivateDir(String name, Map<String, String> environment) {
        String runtime = environment.get("XDG_RUNTIME_DIR");
        if (runtime != null && !runtime.isBlank()) {
            return Path.of(runtime, "cairn-agent-" + name);
        }
        return Path.of(System.getProperty("user.home"), ".cairn", "agent-" + name, "private");
    }

    @Override
    public String toString() {
        return "AgentSettings[core=" + core + ", name=" + name + ", pluginsDir=" + pluginsDir + ", privateDir=" + privateDir + "]";
    }
}
