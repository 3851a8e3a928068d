package dev.cairn.server.web;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Principal;
import dev.cairn.server.auth.Authenticator;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.auth.SignInThrottle;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.util.Optional;

/**
 * Logging in and out. The form takes a user name and password (a local user's, or the directory's
 * when one is configured) or an API token (field {@code token}); behind a trusted proxy, the proxy's
 * header signs the browser in without a form. A login opens a new session whose cookie is HttpOnly
 * and SameSite=Strict, and Secure when the page came over https. Failed logins count against the
 * client's address and the name given ({@link SignInThrottle}: 429 once either failed too often),
 * and a login only ever goes on to a {@linkplain LocalPath local path}. Each sign-in and sign-out
 * is audited, never with what was typed as the secret.
 */
final class LoginPage {
    private final Sessions sessions;
    private final Pages pages;
    private final Access access;
    private final Authenticator authenticator;

    LoginPage(Sessions sessions, Pages pages, Access access, Authenticator authenticator) {
        this.sessions = sessions;
        this.pages = pages;
        this.access = access;
        this.authenticator = authenticator;
    }

    void register(RoutesConfig routes) {
        routes.get("/login", this::form);
        routes.post("/login", this::login);
        routes.post("/logout", this::logout);
    }

    private void form(Context ctx) {
        String header = authenticator.proxyHeader();
        if (header != null) {
            Optional<Principal> proxied = authenticator.byProxy(ctx.header(header), ctx.ip());
            if (proxied.isPresent()) {
                start(ctx, proxied.get(), "proxy", "web UI, through the trusted proxy");
                return;
            }
        }
        show(ctx, 200, null, "");
    }

    private void show(Context ctx, int status, String error, String name) {
        pages.page(ctx, status, "login.jte", "Log in", "", Pages.params("error", error, "next", next(ctx), "name", name));
    }

    private void login(Context ctx) {
        Form form = Form.of(ctx);
        String token = form.text("token");
        String name = form.text("name");
        String password = form.text("password");
        Optional<Principal> principal;
        try {
            if (!token.isEmpty() && name.isEmpty()) {
                principal = byToken(token, ctx.ip());
            } else if (!name.isEmpty()) {
                String secret = password.isEmpty() ? token : password;
                principal = authenticator.signIn(name, secret, ctx.ip(), "web");
            } else {
                show(ctx, 401, password.isEmpty() ? "Enter your user name and password, or an API token."
                        : "Enter your user name with the password.", "");
                return;
            }
        } catch (CairnException.TooManyAttempts refused) {
            long seconds = CairnException.TooManyAttempts.seconds(refused.retryAfter());
            ctx.header("Retry-After", String.valueOf(seconds));
            String whom = refused.getMessage().contains("user name") ? "for this user name" : "from this address";
            show(ctx, 429, "Too many failed logins " + whom + ". Try again in " + seconds + " s.", name);
            return;
        }
        if (principal.isEmpty()) {
            show(ctx, 401, name.isEmpty() ? "That token is not valid. The admin token is in admin.token in the server's "
                    + "data directory, or in CAIRN_TOKEN." : "That user name and password are not valid.", name);
            return;
        }
        String via = principal.get().via();
        if (via.endsWith("+ldap")) {
            start(ctx, principal.get(), "ldap", "web UI, with a password, through the directory");
        } else if (via.endsWith("+token") || via.equals("session")) {
            start(ctx, principal.get(), "token", "web UI, with an API token");
        } else {
            start(ctx, principal.get(), "password", "web UI, with a password");
        }
    }

    /** The principal whose token is {@code token}, the address's failures checked and counted as the API does. */
    private Optional<Principal> byToken(String token, String address) {
        SignInThrottle throttle = authenticator.throttle();
        throttle.refusal(address, null).ifPresent(refusal -> {
            throw refusal.exception();
        });
        Optional<Principal> principal = access.byToken(token, address, "session");
        if (principal.isEmpty()) {
            throttle.failed(address);
            access.recordFailedSignIn("", address, "web", "an API token that is not valid");
        }
        return principal;
    }

    private void start(Context ctx, Principal principal, String via, String detail) {
        // a fresh id on every login: a session id planted before logging in is worth nothing after
        sessions.find(ctx.cookie(Sessions.COOKIE)).ifPresent(sessions::close);
        Session session = sessions.open(principal.user().uuid(), via);
        access.record(principal, "sign-in", AuditObject.of(principal.user()), AuditEntry.Outcome.OK, detail);
        cookie(ctx, session.id(), (int) Sessions.IDLE.toSeconds());
        ctx.redirect(next(ctx), HttpStatus.SEE_OTHER);
    }

    private void logout(Context ctx) {
        Session session = Pages.session(ctx);
        if (session != null) {
            sessions.close(session);
            Principals.find(ctx).ifPresent(principal -> access.record(principal, "sign-out",
                    AuditObject.of(principal.user()), AuditEntry.Outcome.OK, "web UI"));
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
