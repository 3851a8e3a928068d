package dev.cairn.server.web;

import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Runs before every web UI request: refuses a form posted from another site (by its Origin and
 * Sec-Fetch-Site headers, and by the session's token that every form and htmx request carries),
 * and sends a request without a session to {@code /login}.
 */
final class RequestGuard {
    static final String CSRF_FIELD = "_csrf";
    static final String CSRF_HEADER = "X-CSRF-Token";
    private static final Set<String> SAME_SITE_FETCH = Set.of("same-origin", "none");
    private final Sessions sessions;
    private final Pages pages;
    private final dev.cairn.core.access.Access access;

    RequestGuard(Sessions sessions, Pages pages, dev.cairn.core.access.Access access) {
        this.sessions = sessions;
        this.pages = pages;
        this.access = access;
    }

    /** Whether {@code path} is the API's or a static file's, which this guard leaves alone. */
    static boolean outsideUi(String path) {
        return path.equals("/v1") || path.startsWith("/v1/") || path.equals("/healthz") || path.startsWith("/download/")
                || path.equals(dev.cairn.server.metrics.MetricsRoute.PATH)
                || path.startsWith("/static/") || path.startsWith("/webjars/")
                || dev.cairn.server.draupnir.DraupnirApi.owns(path);
    }

    void check(Context ctx) {
        String path = ctx.path();
        if (outsideUi(path)) {
            return;
        }
        boolean post = ctx.method() == HandlerType.POST;
        if (post && !sameOrigin(ctx)) {
            refuse(ctx, "This form was sent from another site, so it was refused.");
            return;
        }
        if (path.equals("/login")) {
            return;
        }
        Session session = sessions.find(ctx.cookie(Sessions.COOKIE)).orElse(null);
        var user = session == null ? null : access.users().find(session.user()).orElse(null);
        if (session != null && user == null) {
            // the user was deleted while signed in: the session ends with them
            sessions.close(session);
            session = null;
        }
        if (session == null) {
            toLogin(ctx, path);
            return;
        }
        if (post && !tokenMatches(ctx, session)) {
            refuse(ctx, "This form has expired or was not sent from this site; reload the page and try again.");
            return;
        }
        Pages.attach(ctx, session);
        // memberships are read on every request, so a role taken away counts at once
        dev.cairn.server.auth.Principals.attach(ctx, access.principal(user, ctx.ip(), "session"));
    }

    /** A POST must come from a page of this server: browsers say where it came from in Sec-Fetch-Site and Origin. */
    private static boolean sameOrigin(Context ctx) {
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !SAME_SITE_FETCH.contains(fetchSite)) {
            return false;
        }
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String host = ctx.header("Host");
            String originHost = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
            // the scheme is not compared: behind a TLS proxy the page is https while this server sees http
            return host != null && host.equalsIgnoreCase(originHost);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean tokenMatches(Context ctx, Session session) {
        String given = ctx.header(CSRF_HEADER);
        if (given == null) {
            given = ctx.formParam(CSRF_FIELD);
        }
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8),
                session.csrf().getBytes(StandardCharsets.UTF_8));
    }

    private void refuse(Context ctx, String message) {
        pages.error(ctx, 403, message);
        ctx.skipRemainingHandlers();
    }

    private static void toLogin(Context ctx, String path) {
        String target = "/login" + (path.equals("/") || ctx.method() != HandlerType.GET ? ""
                : "?next=" + URLEncoder.encode(path, StandardCharsets.UTF_8));
        if (ctx.header("HX-Request") != null) {
            ctx.header("HX-Redirect", target).status(204);
        } else {
            ctx.redirect(target);
        }
        ctx.skipRemainingHandlers();
    }
}
