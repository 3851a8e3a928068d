package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Catalog;
import dev.cairn.plugin.PluginException;
import dev.cairn.server.auth.Authenticator;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.draupnir.DraupnirApi;
import dev.cairn.server.auth.AuthSettings;
import dev.cairn.server.metrics.CairnMetrics;
import dev.cairn.server.metrics.MetricsRoute;
import dev.cairn.server.service.Statuses;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.jdbi.v3.core.ConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API v1 of seed 004 over a running core, behind a sign-in ({@link Authenticator}: tokens,
 * SHIELD's header, HTTP Basic); each request carries its {@link dev.cairn.core.access.Principal}
 * ({@code /healthz} is open). Errors are JSON {@code {"error": "…"}} with the status their exception maps to.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    /** Connections the kernel keeps waiting for Jetty to accept (Linux caps it at net.core.somaxconn). */
    private static final int ACCEPT_QUEUE = 1024;
    private final Javalin app;
    private final List<String> routes;
    private final CairnMetrics metrics;

    private ApiServer(Javalin app, List<String> routes, CairnMetrics metrics) {
        this.app = app;
        this.routes = routes;
        this.metrics = metrics;
    }

    /** Starts serving {@code cairn} on {@code host:port} (port 0 picks a free one). */
    public static ApiServer start(Cairn cairn, String host, int port, String token) {
        return start(cairn, host, port, token, null);
    }

    /** Like {@link #start(Cairn, String, int, String)}, with {@code site} (or null) served beside the API. */
    public static ApiServer start(Cairn cairn, String host, int port, String token, Site site) {
        return start(cairn, host, port, token, site, Authenticator.of(cairn, AuthSettings.none()));
    }

    /** Like {@link #start(Cairn, String, int, String, Site)}, signing requests in through {@code authenticator}. */
    public static ApiServer start(Cairn cairn, String host, int port, String token, Site site, Authenticator authenticator) {
        cairn.access().keepAdminToken(token);
        Views views = new Views(cairn);
        CairnMetrics metrics = CairnMetrics.over(cairn);
        List<String>[] registered = new List[1];
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            // a known path asked with a method it does not take is a 405 naming the method, not a 404
            config.http.prefer405over404 = true;
            // Jetty's default backlog is the JDK's 50: 200 clients connecting at once saw resets
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.setAcceptQueueSize(ACCEPT_QUEUE);
                return connector;
            });
            // Jetty caches header values across requests on a connection; a case-blind cache would hand
            // the auth check an earlier request's Authorization header spelled another way.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
            long maxBody = config.http.maxRequestSize;
            config.requestLogger.http((ctx, millis) -> MetricsRoute.record(metrics, ctx, millis));
            for (String signedIn : List.of("/v1/*", "/download/*", MetricsRoute.PATH, "/images", "/images/*", "/instances",
                    "/instances/*")) {
                config.routes.before(signedIn, ctx -> Principals.attach(ctx, authenticator.authenticate(
                        new Authenticator.Credentials(ctx.header("Authorization"), ctx.header("X-Shield-Token"), ctx.ip(),
                                authenticator.proxyHeader() == null ? null : ctx.header(authenticator.proxyHeader())))));
            }
            config.routes.get("/healthz", ctx -> Json.ok(ctx, Map.of("ok", "healthy")));
            MetricsRoute.register(config.routes, metrics);
            Routes routes = new Routes(config.routes);
            new TargetRoutes(cairn, views).register(routes);
            new StoreRoutes(cairn, views).register(routes);
            new ScheduleRoutes(cairn, views).register(routes);
            new RetentionRoutes(cairn, views).register(routes);
            new JobRoutes(cairn, views).register(routes);
            new ArchiveRoutes(cairn, views).register(routes);
            new TaskRoutes(cairn, views).register(routes);
            new MetaRoutes(cairn, views).register(routes);
            new AgentRoutes(cairn).register(routes);
            new DownloadRoutes(cairn).register(routes);
            new MeRoutes(cairn).register(routes);
            new UserRoutes(cairn).register(routes);
            new TeamRoutes(cairn).register(routes);
            new AuditRoutes(cairn).register(routes);
            new InstanceRoutes(cairn).register(routes);
            new NotificationRoutes(cairn).register(routes);
            new RulesRoutes(cairn).register(routes);
            registered[0] = routes.registered();
            new DraupnirApi(cairn).register(config.routes);
            if (site != null) {
                site.register(config);
            }
            Failures failures = new Failures(site);
            config.routes.exception(CairnException.class, failures::failure);
            config.routes.exception(HttpResponseException.class, (e, ctx) -> failures.error(ctx, e.getStatus(),
                    e.getStatus() == 413 ? "request body must be at most " + maxBody + " bytes" : "request refused: "
                            + e.getMessage(), List.of()));
            config.routes.exception(ConnectionException.class, (e, ctx) -> {
                LOG.warn("{} {}: the catalog is busy: {}", ctx.method(), ctx.path(), e.getMessage());
                ctx.header("Retry-After", "1");
                failures.error(ctx, 503, "the catalog is busy (no connection free within "
                        + Catalog.CONNECTION_WAIT.toSeconds() + " s); retry shortly", List.of());
            });
            config.routes.exception(PluginException.class, (e, ctx) -> failures.error(ctx, 502, e.getMessage(), List.of()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                failures.error(ctx, 500, "internal error: " + e.getMessage(), List.of());
            });
            config.routes.error(404, "*", ctx -> {
                // our own 404s (unknown uuid) are answered already; Javalin's "endpoint not found" is not
                String type = ctx.res().getContentType();
                if (type == null || !(type.startsWith("application/json") || type.startsWith("text/html"))) {
                    failures.error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path(), List.of());
                }
            });
            config.routes.error(405, "*", ctx -> failures.error(ctx, 405,
                    "method " + ctx.method() + " not allowed on " + ctx.path(), List.of()));
        });
        try {
            app.start();
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
        return new ApiServer(app, registered[0], metrics);
    }

    /** Answers failures: as JSON on the API's paths, through the site elsewhere when there is one. */
    private record Failures(Site site) {
        void failure(CairnException e, Context ctx) {
            ApiServer.failure(e, ctx, this);
        }

        /** Whether the failure is answered as a web page rather than as the API's JSON. */
        boolean page(Context ctx) {
            String path = ctx.path();
            boolean api = path.equals("/v1") || path.startsWith("/v1/") || path.equals("/healthz")
                    || path.startsWith("/download/") || path.equals(MetricsRoute.PATH) || DraupnirApi.owns(path);
            return site != null && !api;
        }

        void error(Context ctx, int status, String message, List<String> missing) {
            if (page(ctx)) {
                site.error(ctx, status, message);
            } else {
                ApiServer.error(ctx, status, message, missing);
            }
        }
    }

    private static void failure(CairnException e, Context ctx, Failures failures) {
        int status = Statuses.of(e);
        if (status == 500) {
            LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
        }
        if (e instanceof CairnException.TooManyAttempts refused) {
            ctx.header("Retry-After", String.valueOf(CairnException.TooManyAttempts.seconds(refused.retryAfter())));
        }
        if (e instanceof CairnException.NotAcceptable refused && !failures.page(ctx)) {
            Json.send(ctx, 406, Map.of("error", e.getMessage(), "formats", refused.acceptable()));
            return;
        }
        if (e instanceof CairnException.Forbidden refused && !failures.page(ctx)) {
            Json.send(ctx, 403, Map.of("error", e.getMessage(), "permission", refused.permission()));
            return;
        }
        failures.error(ctx, status, e.getMessage(), e instanceof CairnException.InvalidInput i ? i.missing() : List.of());
    }

    private static void error(Context ctx, int status, String message, List<String> missing) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", message);
        if (!missing.isEmpty()) {
            body.put("missing", missing);
        }
        if (status == 401) {
            ctx.header("WWW-Authenticate", "Bearer");
        }
        Json.send(ctx, status, body);
    }

    public int port() {
        return app.port();
    }

    /** The API's routes as {@code METHOD /path/{param}}, for checking the OpenAPI description. */
    public List<String> routes() {
        return routes;
    }

    /** The server's metrics, also served on {@code metrics_listen} when that is set. */
    public CairnMetrics metrics() {
        return metrics;
    }

    @Override
    public void close() {
        try {
            app.stop();
        } finally {
            metrics.close();
        }
    }
}
