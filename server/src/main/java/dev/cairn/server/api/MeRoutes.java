package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.ApiToken;
import dev.cairn.core.access.ApiTokens;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.PasswordHash;
import dev.cairn.core.access.Principal;
import dev.cairn.core.access.User;
import dev.cairn.server.auth.Principals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code /v1/me}: who is signed in, their own display name and password, and their personal API
 * tokens. A token's secret is in the reply that creates it and nowhere else, ever.
 */
final class MeRoutes {
    /** The longest a token may be asked to last: a hundred years, so that a typo cannot overflow a time. */
    private static final long LONGEST_LIFE = 100L * 366 * 24 * 3600;
    private final Cairn cairn;
    private final AuditedChanges changes;

    MeRoutes(Cairn cairn) {
        this.cairn = cairn;
        this.changes = new AuditedChanges(cairn.access());
    }

    void register(Routes routes) {
        var access = cairn.access();
        routes.get("/v1/me", ctx -> Json.ok(ctx, me(Principals.of(ctx))));
        routes.put("/v1/me", ctx -> {
            Principal p = Principals.of(ctx);
            update(p, RequestBody.of(ctx));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.get("/v1/me/tokens", ctx -> Json.ok(ctx, Views.all(access.tokens().list(Principals.of(ctx).user().uuid()),
                MeRoutes::token)));
        routes.post("/v1/me/tokens", ctx -> Json.ok(ctx, create(Principals.of(ctx), RequestBody.of(ctx).require("name"))));
        routes.delete("/v1/me/token/{uuid}", ctx -> {
            Principal p = Principals.of(ctx);
            ApiToken token = access.tokens().get(p.user().uuid(), Ids.path(ctx, "token"));
            changes.change(p, "token.revoke", object(token), "", () -> access.tokens().revoke(p.user().uuid(), token.uuid()));
            Json.ok(ctx, Views.ok("revoked"));
        });
    }

    private Map<String, Object> me(Principal p) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", p.user().uuid().toString());
        v.put("name", p.name());
        v.put("display_name", p.user().displayName());
        v.put("admin", p.admin());
        v.put("via", p.via());
        v.put("teams", UserRoutes.teams(cairn.access().teams().memberships(p.user().uuid())));
        return v;
    }

    /** Sets the signed-in user's display name and/or password; a user who has a password gives it first. */
    private void update(Principal p, RequestBody body) {
        User user = cairn.access().users().get(p.user().uuid());
        AuditObject object = AuditObject.of(user);
        if (!body.has("display_name") && !body.has("password")) {
            throw new CairnException.InvalidInput("nothing to change: give display_name, password or both",
                    List.of("display_name", "password"));
        }
        if (user.passwordHash() != null) {
            String current = body.string("current_password");
            if (current == null || current.isEmpty()) {
                throw CairnException.InvalidInput.missing(List.of("current_password"));
            }
            if (!PasswordHash.verify(current, user.passwordHash())) {
                throw changes.denied(p, "user.update", object, new CairnException.InvalidInput(
                        "current_password is not " + user.name() + "'s password"));
            }
        }
        List<String> changed = new ArrayList<>();
        String display = user.displayName();
        if (body.has("display_name")) {
            display = body.string("display_name").strip();
            changed.add("display name");
        }
        String hash = user.passwordHash();
        if (body.has("password")) {
            String password = body.string("password");
            PasswordHash.checkStrength(password);
            hash = PasswordHash.hash(password);
            changed.add("password");
        }
        User updated = new User(user.uuid(), user.name(), display, hash, user.admin(), user.source(), user.createdAt());
        changes.change(p, "user.update", object, "own " + String.join(" and ", changed),
                () -> cairn.access().users().update(updated));
    }

    private Map<String, Object> create(Principal p, RequestBody body) {
        if (body.has("expires_in") && body.has("expires_at")) {
            throw new CairnException.InvalidInput("give expires_in or expires_at, not both");
        }
        Instant expires = body.has("expires_in")
                ? cairn.clock().instant().plusSeconds(body.integer("expires_in", 1, LONGEST_LIFE))
                : ClientTimes.parse("expires_at", body.string("expires_at"));
        String name = body.string("name");
        ApiTokens.Created created;
        try {
            created = cairn.access().tokens().create(p.user().uuid(), name, expires);
        } catch (CairnException e) {
            cairn.access().record(p, "token.create", new AuditObject("token", null, name, null), AuditEntry.Outcome.FAILED,
                    e.getMessage());
            throw e;
        }
        cairn.access().record(p, "token.create", object(created.token()), AuditEntry.Outcome.OK,
                expires == null ? "no expiry" : "expires " + Times.format(expires));
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("ok", "created");
        v.put("uuid", created.token().uuid().toString());
        v.put("name", created.token().name());
        v.put("token", created.secret());
        v.put("expires_at", Times.format(created.token().expiresAt()));
        return v;
    }

    private static AuditObject object(ApiToken token) {
        return new AuditObject("token", token.uuid(), token.name(), null);
    }

    static Map<String, Object> token(ApiToken t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", t.uuid().toString());
        v.put("name", t.name());
        v.put("created_at", Times.format(t.createdAt()));
        v.put("expires_at", Times.format(t.expiresAt()));
        v.put("last_used_at", Times.format(t.lastUsedAt()));
        return v;
    }
}
