package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Membership;
import dev.cairn.core.access.PasswordHash;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.access.User;
import dev.cairn.core.access.Users;
import dev.cairn.server.auth.Principals;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code /v1/users} and {@code /v1/user/{uuid}}, an admin's alone (manage-people). A password is
 * checked for strength and kept only as its Argon2id hash, which no reply holds; the last admin can
 * neither be deleted nor lose the admin flag.
 */
final class UserRoutes {
    static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private final Cairn cairn;
    private final AuditedChanges changes;

    UserRoutes(Cairn cairn) {
        this.cairn = cairn;
        this.changes = new AuditedChanges(cairn.access());
    }

    void register(Routes routes) {
        Users users = cairn.access().users();
        routes.get("/v1/users", ctx -> {
            Principals.of(ctx).require(Permission.MANAGE_PEOPLE);
            Json.ok(ctx, Views.all(users.list(), this::user));
        });
        routes.post("/v1/users", ctx -> {
            Principal p = Principals.of(ctx);
            RequestBody body = RequestBody.of(ctx);
            changes.require(p, Permission.MANAGE_PEOPLE, "user.create",
                    new AuditObject("user", null, body.string("name", ""), null));
            body.require("name");
            String password = body.string("password");
            if (password != null) {
                PasswordHash.checkStrength(password);
            }
            User user = new User(UUID.randomUUID(), body.string("name").strip(), body.string("display_name", "").strip(),
                    password == null ? null : PasswordHash.hash(password), body.bool("admin", false), User.LOCAL,
                    cairn.clock().instant());
            changes.change(p, "user.create", AuditObject.of(user), describe(user), () -> users.insert(user));
            Json.ok(ctx, Views.created(user.uuid()));
        });
        routes.get("/v1/user/{uuid}", ctx -> {
            Principals.of(ctx).require(Permission.MANAGE_PEOPLE);
            Json.ok(ctx, user(users.get(Ids.path(ctx, "user"))));
        });
        routes.put("/v1/user/{uuid}", ctx -> {
            Principal p = Principals.of(ctx);
            UUID uuid = Ids.path(ctx, "user");
            changes.require(p, Permission.MANAGE_PEOPLE, "user.update", new AuditObject("user", uuid, "", null));
            update(p, users.get(uuid), RequestBody.of(ctx));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.delete("/v1/user/{uuid}", ctx -> {
            Principal p = Principals.of(ctx);
            UUID uuid = Ids.path(ctx, "user");
            changes.require(p, Permission.MANAGE_PEOPLE, "user.delete", new AuditObject("user", uuid, "", null));
            User user = users.get(uuid);
            changes.change(p, "user.delete", AuditObject.of(user), "", () -> users.delete(uuid));
            Json.ok(ctx, Views.ok("deleted"));
        });
    }

    /** Saves what the body sets of {@code user}: display name, password, admin flag; the name never changes. */
    private void update(Principal p, User user, RequestBody body) {
        if (body.has("name") && !body.string("name").strip().equals(user.name())) {
            throw new CairnException.InvalidInput("a user's name cannot change: create user '"
                    + dev.cairn.core.catalog.Names.printable(body.string("name")) + "' and delete '" + user.name() + "'");
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
        boolean admin = body.bool("admin", user.admin());
        if (admin != user.admin()) {
            changed.add(admin ? "made admin" : "no longer admin");
        }
        User updated = new User(user.uuid(), user.name(), display, hash, admin, user.source(), user.createdAt());
        changes.change(p, "user.update", AuditObject.of(user), String.join(", ", changed), () -> {
            if (user.admin() && !admin && cairn.access().users().admins() <= 1) {
                throw new CairnException.Conflict("user '" + user.name() + "' is the last admin; make another admin first");
            }
            cairn.access().users().update(updated);
        });
    }

    private static String describe(User user) {
        return (user.admin() ? "admin" : "not admin") + ", " + (user.passwordHash() == null ? "no password" : "with password");
    }

    /** A user as the API shows them: never their password hash. */
    Map<String, Object> user(User u) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", u.uuid().toString());
        v.put("name", u.name());
        v.put("display_name", u.displayName());
        v.put("admin", u.admin());
        v.put("source", u.source());
        v.put("created_at", Times.format(u.createdAt()));
        v.put("teams", teams(cairn.access().teams().memberships(u.uuid())));
        return v;
    }

    /** A user's teams with their role in each, by team name. */
    static List<Map<String, Object>> teams(List<Membership> memberships) {
        return memberships.stream().map(m -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("uuid", m.team().toString());
            v.put("name", m.teamName());
            v.put("role", m.role().wire());
            return v;
        }).toList();
    }

    /** The user {@code given} names, by uuid or by name; a 404 naming it when there is none. */
    static User find(Users users, String given) {
        String text = given == null ? "" : given.strip();
        return (CANONICAL_UUID.matcher(text).matches() ? users.find(UUID.fromString(text)) : Optional.<User>empty())
                .or(() -> users.findByName(text))
                .orElseThrow(() -> new CairnException.NotFound("user", dev.cairn.core.catalog.Names.printable(text)));
    }
}
