package dev.cairn.server.web;

import ch.qos.logback.classic.Level;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnSettings;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.server.api.ApiServer;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.LoggerFactory;

/**
 * A real core on a temporary data directory with the API and the web UI in front of it on a free
 * loopback port, with the built-in plugins, {@link SlowTarget} and the programs a test put in
 * {@code root/data/plugins} before starting it. Schedules do not fire by
 * themselves: work runs only when a test asks for it.
 */
final class WebFixture implements AutoCloseable {
    static final String TOKEN = "web-test-token-8d2a";

    static {
        // no logback-test.xml in this module; logback's default DEBUG would bury failures under Jetty's output
        ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
    }

    private final Cairn cairn;
    private final ApiServer server;

    private WebFixture(Cairn cairn, ApiServer server) {
        this.cairn = cairn;
        this.server = server;
    }

    static WebFixture start(Path root) {
        CairnSettings settings = CairnSettings.defaults(root.resolve("data")).withScheduling(false, Duration.ofSeconds(15));
        PluginRegistry plugins = PluginRegistry.load(WebFixture.class.getClassLoader(), settings.pluginsDir()).with(new SlowTarget());
        Cairn cairn = Cairn.start(settings, Clock.systemUTC(), plugins);
        try {
            return new WebFixture(cairn, ApiServer.start(cairn, "127.0.0.1", 0, TOKEN,
                    new WebUi(cairn, TOKEN)));
        } catch (RuntimeException e) {
            cairn.close();
            throw e;
        }
    }

    /** Like {@link #start(Path)}, on {@code clock} (a stepped one lets a test move time). */
    static WebFixture start(Path root, Clock clock) {
        CairnSettings settings = CairnSettings.defaults(root.resolve("data")).withScheduling(false, Duration.ofSeconds(15));
        Cairn cairn = Cairn.start(settings, clock, PluginRegistry.load(WebFixture.class.getClassLoader(), settings.pluginsDir())
                .with(new SlowTarget()));
        try {
            return new WebFixture(cairn, ApiServer.start(cairn, "127.0.0.1", 0, TOKEN, new WebUi(cairn, TOKEN)));
        } catch (RuntimeException e) {
            cairn.close();
            throw e;
        }
    }

    Cairn cairn() {
        return cairn;
    }

    int port() {
        return server.port();
    }

    /** The UI's address for {@code path}, on the loopback address the server listens on. */
    String url(String path) {
        return "http://127.0.0.1:" + port() + path;
    }

    @Override
    public void close() {
        try {
            server.close();
        } finally {
            cairn.close();
        }
    }
}
