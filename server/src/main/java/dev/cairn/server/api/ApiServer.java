package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.plugin.PluginException;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API v1 of seed 004 over a running core, behind a bearer token ({@code /healthz} is
 * open). Errors are JSON {@code {"error": "…"}} with the status their exception maps to.
 */
public final class ApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private final Javalin app;
    private final List<String> routes;

    private ApiServer(Javalin app, List<String> routes) {
        this.app = app;
        this.routes = routes;
    }

    /** Starts serving {@code cairn} on {@code host:port} (port 0 picks a free one). */
    public static ApiServer start(Cairn cairn, String host, int port, String token) {
        byte[] expected = token.getBytes(StandardCharsets.UTF_8);
        Views views = new Views(cairn);
        List<String>[] registered = new List[1];
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.concurrency.useVirtualThreads = true;
            // Jetty caches header values across requests on a connection; a case-blind cache would hand
            // the auth check an earlier request's Authorization header spelled another way.
            config.jetty.modifyHttpConfiguration(http -> http.setHeaderCacheCaseSensitive(true));
            config.routes.before("/v1/*", ctx -> authorize(ctx, expected));
            config.routes.get("/healthz", ctx -> Json.ok(ctx, Map.of("ok", "healthy")));
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
            registered[0] = routes.registered();
            config.routes.exception(CairnException.class, ApiServer::failure);
            config.routes.exception(PluginException.class, (e, ctx) -> error(ctx, 502, e.getMessage(), List.of()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal error: " + e.getMessage(), List.of());
            });
            config.routes.error(404, "*", ctx -> {
                // our own 404s (unknown uuid) are JSON already; Javalin's "endpoint not found" is not
                if (!"application/json".equals(ctx.res().getContentType())) {
                    error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path(), List.of());
                }
            });
            config.routes.error(405, "*", ctx -> error(ctx, 405, "method " + ctx.method() + " not allowed on " + ctx.path(), List.of()));
        });
        app.start(host, port);
        return new ApiServer(app, registered[0]);
    }

    /** Checks {@code Authorization: Bearer TOKEN}; the scheme's case does not matter (RFC 9110), the token's does. */
    private static void authorize(Context ctx, byte[] expected) {
        String header = ctx.header("Authorization");
        String value = header == null ? "" : header.trim();
        int space = value.indexOf(' ');
        boolean bearer = space > 0 && value.substring(0, space).equalsIgnoreCase("Bearer");
        byte[] given = bearer ? value.substring(space + 1).trim().getBytes(StandardCharsets.UTF_8) : new byte[0];
        if (!bearer || !MessageDigest.isEqual(given, expected)) {
            throw new CairnException.Unauthorized(header == null
                    ? "this endpoint needs a token: send 'Authorization: Bearer <token>' (see admin.token in the data directory)"
                    : "the bearer token is not valid");
        }
    }

    private static void failure(CairnException e, Context ctx) {
        int status = switch (e) {
            case CairnException.InvalidInput i -> 400;
            case CairnException.Unauthorized u -> 401;
            case CairnException.NotFound n -> 404;
            case CairnException.Conflict c -> 409;
            default -> 500;
        };
        if (status == 500) {
            LOG.error("{} {} failed: {}", ctx.method(), ctx.path(), e.getMessage(), e);
        }
        error(ctx, status, e.getMessage(), e instanceof CairnException.InvalidInput i ? i.missing() : List.of());
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

    @Override
    public void close() {
        app.stop();
    }
}
