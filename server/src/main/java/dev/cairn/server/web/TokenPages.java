package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.ApiToken;
import dev.cairn.core.access.ApiTokens;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Principal;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.Statuses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The signed-in user's own API tokens: the list (never a secret), a new one with an optional expiry
 * whose secret the result page shows once, and revoking one, which stops it at once.
 */
final class TokenPages {
    /** The longest expiry the form takes, in days: ten years. */
    private static final long MAX_DAYS = 3650;
    private final Cairn cairn;
    private final Access access;
    private final Pages pages;
    private final WebAudit audit;

    TokenPages(Cairn cairn, Pages pages) {
        this.cairn = cairn;
        this.access = cairn.access();
        this.pages = pages;
        this.audit = new WebAudit(cairn.access());
    }

    void register(RoutesConfig routes) {
        routes.get("/tokens", ctx -> list(ctx, 200, null));
        routes.post("/tokens", this::create);
        routes.post("/tokens/{uuid}/revoke", this::revoke);
    }

    private void list(Context ctx, int status, String error) {
        Principal p = Principals.of(ctx);
        List<ApiToken> tokens = access.tokens().list(p.user().uuid());
        pages.page(ctx, status, "tokens.jte", "My tokens", "tokens", Pages.params("tokens", tokens, "now",
                cairn.clock().instant(), "error", error, "name", error == null ? "" : Form.of(ctx).text("name"),
                "days", error == null ? "" : Form.of(ctx).text("expires_days")));
    }

    private void create(Context ctx) {
        Principal p = Principals.of(ctx);
        Form form = Form.of(ctx);
        ApiTokens.Created created;
        try {
            Instant expires = expiry(form.text("expires_days"));
            created = audit.run(p, "token.create", () -> new AuditObject("token", null, form.text("name"), null),
                    () -> access.tokens().create(p.user().uuid(), form.text("name"), expires));
        } catch (CairnException e) {
            list(ctx, Statuses.of(e), e.getMessage());
            return;
        }
        // shown here once, and never again: no redirect, so a reload does not come back to it
        ctx.header("Cache-Control", "no-store");
        pages.page(ctx, 200, "token-created.jte", "Token created", "tokens", Pages.params("token", created.token(),
                "secret", created.secret()));
    }

    /** The expiry {@code days} from now; none when empty. */
    private Instant expiry(String days) {
        if (days.isEmpty()) {
            return null;
        }
        if (!days.matches("[0-9]{1,5}") || Long.parseLong(days) < 1 || Long.parseLong(days) > MAX_DAYS) {
            throw new CairnException.InvalidInput("expires_days must be a whole number of days from 1 to " + MAX_DAYS
                    + ", or empty for a token that never expires; got " + days);
        }
        return cairn.clock().instant().plus(Duration.ofDays(Long.parseLong(days)));
    }

    private void revoke(Context ctx) {
        Principal p = Principals.of(ctx);
        // another user's token is not found, as the API answers
        ApiToken token = access.tokens().get(p.user().uuid(), Pages.uuid(ctx, "token"));
        audit.run(p, "token.revoke", () -> new AuditObject("token", token.uuid(), token.name(), null),
                () -> access.tokens().revoke(p.user().uuid(), token.uuid()));
        Pages.done(ctx, "/tokens", "Token '" + token.name() + "' revoked: it no longer works.");
    }
}
