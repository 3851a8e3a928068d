package dev.cairn.server.web;

import dev.cairn.core.CairnException;
import dev.cairn.server.auth.SignInThrottle;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * Logging in with an API token (compared with the server's admin token in constant time, as the
 * API does) and out. A login opens a new session whose cookie is HttpOnly and SameSite=Strict,
 * and Secure when the page came over https. Failed logins count against the client's address
 * ({@link SignInThrottle}: 429 once it failed too often), and a login only ever goes on to a
 * {@linkplain LocalPath local path}.
 */
final class LoginPage {
    private final Sessions sessions;
    private final Pages pages;
    private final dev.cairn.core.access.Access access;
    private final SignInThrottle throttle;

    LoginPage(Sessions sessions, Pages pages, dev.cairn.core.access.Access access, SignInThrottle throttle) {
        this.sessions = sessions;
        this.pages = pages;
        this.access = access;
        this.throttle = throttle;
    }

    void register(RoutesConfig routes) {
        routes.get("/login", ctx -> show(ctx, 200, null));
        routes.post("/login", this::login);
        routes.post("/logout", this::logout);
    }

    private void show(Context ctx, int status, String error) {
        pages.page(ctx, status, "login.jte", "Log in", "", Pages.params("error", error, "next", next(ctx)));
    }

    private void login(Context ctx) {
        Optional<Duration> refused = throttle.retryAfter(ctx.ip());
        if (refused.isPresent()) {
            long seconds = CairnException.TooManyAttempts.seconds(refused.get());
            ctx.header("Retry-After", String.valueOf(seconds));
            show(ctx, 429, "Too many failed logins from this address. Try again in " + seconds + " s.");
            return;
        }
        String given = Form.of(ctx).text("token");
        var principal = given.isEmpty() ? Optional.<dev.cairn.core.access.Principal>empty()
                : access.byToken(given, ctx.ip(), "session");
        if (principal.isEmpty()) {
            if (!given.isEmpty()) {
                access.recordFailedSignIn("", ctx.ip(), "web", "an API token that is not valid");
            }
            if (!given.isEmpty()) {
                throttle.failed(ctx.ip());
            }
            show(ctx, 401, given.isEmpty() ? "Enter the API token." : "That token is not valid. The admin token is in "
                    + "admin.token in the server's data directory, or in CAIRN_TOKEN.");
            return;
        }
        // a fresh id on every login: a session id planted before logging in is worth nothing after
        sessions.find(ctx.cookie(Sessions.COOKIE)).ifPresent(sessions::close);
        Session session = sessions.open(principal.get().user().uuid(), "token");
        access.record(principal.get(), "sign-in", dev.cairn.core.access.AuditObject.of(principal.get().user()),
                dev.cairn.core.access.AuditEntry.Outcome.OK, "web UI, with an API token");
        cookie(ctx, session.id(), (int) Sessions.IDLE.toSeconds());
        ctx.redirect(next(ctx), HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        Session session = Pages.session(ctx);
        if (session != null) {
            sessions.close(session);
        }
        cookie(ctx, "", 0);
        ctx.redirect("/login", HttpStatus.SEE_OTHER);
    }

    private static void cookie(Context ctx, String value, int maxAge) {
        ctx.header("Set-Cookie", Sessions.COOKIE + "=" + value + "; Path=/; Max-Age=" + maxAge + "; HttpOnly; SameSite=Strict"
                + ("https".equalsIgnoreCase(ctx.scheme()) ? "; Secure" : ""));
    }

    /** Where to go after logging in: a path on this server only, never another site. */
    private static String next(Context ctx) {
        String next = ctx.formParam("next");
        if (next == null) {
            next = ctx.queryParam("next");
        }
        return LocalPath.orRoot(next);
    }
}
