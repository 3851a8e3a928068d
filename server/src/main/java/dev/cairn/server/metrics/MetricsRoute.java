package dev.cairn.server.metrics;

import dev.cairn.core.access.Permission;
import dev.cairn.server.auth.Principals;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.router.Endpoint;

/**
 * {@code GET /metrics} on the API's own address, for a signed-in holder of the {@code metrics} permission
 * (admins), and the timing of every request the API's server answers.
 */
public final class MetricsRoute {
    public static final String PATH = "/metrics";

    private MetricsRoute() {
    }

    /** Registers the route; the caller signs requests to {@link #PATH} in as it does the API's. */
    public static void register(RoutesConfig routes, CairnMetrics metrics) {
        routes.get(PATH, ctx -> {
            Principals.of(ctx).require(Permission.METRICS);
            ctx.contentType(CairnMetrics.CONTENT_TYPE).result(metrics.scrape());
        });
    }

    /** Times {@code ctx}'s request under its route's path template, so that uuids do not make new series. */
    public static void record(CairnMetrics metrics, Context ctx, float millis) {
        metrics.request(ctx.method().name(), route(ctx), ctx.statusCode(), millis);
    }

    private static String route(Context ctx) {
        try {
            Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
            if (endpoint != null) {
                return endpoint.path;
            }
        } catch (RuntimeException e) {
            // no endpoint matched: a static file, or a 404
        }
        String path = ctx.path();
        return path.startsWith("/static/") ? "/static/*" : path.startsWith("/webjars/") ? "/webjars/*" : "unmatched";
    }
}
