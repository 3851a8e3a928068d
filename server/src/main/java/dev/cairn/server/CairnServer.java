package dev.cairn.server;

import dev.cairn.core.Cairn;
import dev.cairn.server.api.ApiServer;
import dev.cairn.server.auth.Authenticator;
import dev.cairn.server.metrics.MetricsListener;
import dev.cairn.server.web.WebUi;
import java.io.PrintStream;
import java.time.Clock;

/**
 * {@code cairn server}: a core, its HTTP API and the web UI, running until the process is stopped.
 */
public final class CairnServer implements AutoCloseable {
    private final Cairn cairn;
    private final ApiServer api;
    private final MetricsListener metrics;

    private CairnServer(Cairn cairn, ApiServer api, MetricsListener metrics) {
        this.cairn = cairn;
        this.api = api;
        this.metrics = metrics;
    }

    /** Starts a core with {@code config} and serves its API and web UI; the token comes from {@code CAIRN_TOKEN} or admin.token. */
    public static CairnServer start(ServerConfig config, String tokenFromEnvironment, Clock clock) {
        // the core first: it creates the data directory 0700 before admin.token goes into it
        Cairn cairn = Cairn.start(config.coreSettings(), clock);
        try {
            String token = AdminToken.resolve(config.dataDir(), tokenFromEnvironment);
            Authenticator authenticator = Authenticator.of(cairn, config.auth());
            ApiServer api = ApiServer.start(cairn, config.host(), config.port(), token,
                    new WebUi(cairn, token, authenticator), authenticator);
            try {
                ServerConfig.Listen listen = config.metricsListen();
                return new CairnServer(cairn, api, listen == null ? null
                        : MetricsListener.start(api.metrics(), listen.host(), listen.port()));
            } catch (RuntimeException e) {
                api.close();
                throw e;
            }
        } catch (RuntimeException e) {
            cairn.close();
            throw e;
        }
    }

    public Cairn cairn() {
        return cairn;
    }

    public int port() {
        return api.port();
    }

    /** The port of the unauthenticated metrics listener ({@code metrics_listen}); -1 when there is none. */
    public int metricsPort() {
        return metrics == null ? -1 : metrics.port();
    }

    /** Prints where the server listens and how to reach it. */
    public void announce(ServerConfig config, PrintStream out) {
        out.println("Cairn " + dev.cairn.core.Version.CURRENT + " listening on http://" + config.host() + ":" + port()
                + (config.devMode() ? " (DEV mode: every job runs every minute)" : ""));
        out.println("  web UI:         http://" + config.host() + ":" + port() + "/ (log in with a user name and password or the API token)");
        out.println("  data directory: " + config.dataDir().toAbsolutePath());
        out.println("  catalog:        " + (config.catalogUrl() == null ? config.dataDir().resolve("catalog.db") : "postgresql"));
        out.println("  plugins:        " + config.pluginsDir() + " (external plugin programs)");
        if (config.auth().ldap() != null) {
            out.println("  directory:      " + config.auth().ldap().url() + " (LDAP sign-in)");
        }
        if (config.auth().proxy() != null) {
            out.println("  proxy header:   " + config.auth().proxy().header() + " (trusted from auth.proxy.trusted)");
        }
        if (metrics != null) {
            out.println("  metrics:        http://" + config.metricsListen().host() + ":" + metrics.port()
                    + "/metrics (no sign-in: keep it private)");
        }
        var instances = cairn.settings().instances();
        out.println("  instances:      " + config.dataDir().resolve("instances") + ", ports " + instances.firstPort() + "-"
                + instances.lastPort() + " on " + instances.host()
                + (instances.account().isEmpty() ? "" : ", engines run as " + instances.account()));
        out.println("  API token:      " + config.dataDir().resolve("admin.token") + " (or CAIRN_TOKEN)");
        out.println("  age public key: " + cairn.keys().publicKey());
    }

    /** Blocks until the JVM is asked to stop, then stops cleanly. */
    public void awaitShutdown() throws InterruptedException {
        Thread stopper = new Thread(this::close, "cairn-shutdown");
        Runtime.getRuntime().addShutdownHook(stopper);
        Thread.currentThread().join();
    }

    @Override
    public void close() {
        if (metrics != null) {
            metrics.close();
        }
        api.close();
        cairn.close();
    }
}
