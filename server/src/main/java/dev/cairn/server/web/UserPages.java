package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Membership;
import dev.cairn.core.access.PasswordHash;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.access.User;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.Statuses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Users, for admins (manage-people): the list with each user's teams, a new user with an optional
 * password, a user's display name, admin flag and password changed, and a user deleted after a
 * confirmation. Passwords are hashed at once and never shown; the last admin cannot be demoted or deleted.
 */
final class UserPages {
    private final Cairn cairn;
    private final Access access;
    private final Pages pages;
    private final WebAudit audit;

    UserPages(Cairn cairn, Pages pages) {
        this.cairn = cairn;
        this.access = cairn.access();
        this.pages = pages;
        this.audit = new WebAudit(cairn.access());
    }

    void register(RoutesConfig routes) {
        routes.get("/users", this::list);
        routes.get("/users/new", ctx -> {
            admin(ctx);
            form(ctx, 200, null, "", "", false, null, List.of());
        });
        routes.post("/users", ctx -> save(ctx, null));
        routes.get("/users/{uuid}", ctx -> {
            admin(ctx);
            User u = user(ctx);
            form(ctx, 200, u, u.name(), u.displayName(), u.admin(), null, List.of());
        });
        routes.post("/users/{uuid}", ctx -> {
            admin(ctx);
            save(ctx, user(ctx));
        });
        routes.get("/users/{uuid}/delete", ctx -> {
            admin(ctx);
            confirmDelete(ctx, user(ctx), null);
        });
        routes.post("/users/{uuid}/delete", this::delete);
    }

    private Principal admin(Context ctx) {
        Principal p = Principals.of(ctx);
        p.require(Permission.MANAGE_PEOPLE);
        return p;
    }

    private User user(Context ctx) {
        return access.users().get(Pages.uuid(ctx, "user"));
    }

    private void list(Context ctx) {
        admin(ctx);
        List<UserRow> rows = access.users().list().stream().map(u -> new UserRow(u, access.teams().memberships(u.uuid())
                .stream().map(m -> m.teamName() + " (" + m.role().wire() + ")").collect(Collectors.joining(", ")))).toList();
        pages.page(ctx, "users.jte", "Users", "users", Pages.params("rows", rows));
    }

    private void save(Context ctx, User current) {
        Principal p = Principals.of(ctx);
        String action = current == null ? "user.create" : "user.update";
        audit.require(p, action, Permission.MANAGE_PEOPLE);
        Form form = Form.of(ctx);
        boolean admin = form.ticked("admin");
        String password = form.text("password");
        User saved;
        try {
            if (current == null) {
                form.require("name");
            }
            if (!password.isEmpty()) {
                PasswordHash.checkStrength(password);
            }
            String hash = password.isEmpty() ? current == null ? null : current.passwordHash() : PasswordHash.hash(password);
            User user = current == null
                    ? new User(UUID.randomUUID(), form.text("name"), form.text("display_name"), hash, admin, User.LOCAL,
                    cairn.clock().instant())
                    : new User(current.uuid(), current.name(), form.text("display_name"), hash, admin, current.source(),
                    current.createdAt());
            saved = audit.run(p, action, () -> AuditObject.of(user), () -> {
                if (current == null) {
                    access.users().insert(user);
                } else {
                    if (current.admin() && !admin && access.users().admins() <= 1) {
                        throw new CairnException.Conflict("user '" + current.name() + "' is the last admin; make another admin first");
                    }
                    access.users().update(user);
                }
                return user;
            });
        } catch (CairnException e) {
            form(ctx, Statuses.of(e), current, current == null ? form.text("name") : current.name(), form.text("display_name"),
                    admin, e.getMessage(), e instanceof CairnException.InvalidInput i ? i.missing() : List.of());
            return;
        }
        Pages.done(ctx, "/users", "User '" + saved.name() + "' " + (current == null ? "created." : "saved.")
                + (password.isEmpty() ? "" : " The password is set."));
    }

    private void form(Context ctx, int status, User current, String name, String displayName, boolean admin, String error,
                      List<String> invalid) {
        List<Membership> teams = current == null ? List.of() : access.teams().memberships(current.uuid());
        pages.page(ctx, status, "user-form.jte", current == null ? "New user" : "User " + current.name(), "users",
                Pages.params("user", current, "name", name, "displayName", displayName, "admin", admin, "teams", teams,
                        "error", error, "invalid", invalid));
    }

    private void confirmDelete(Context ctx, User u, String error) {
        pages.page(ctx, error == null ? 200 : 409, "confirm.jte", "Delete user " + u.name(), "users",
                Pages.params("question", "Delete user '" + u.name() + "'?",
                        "consequence", "Their tokens stop working and their sessions end now, and they leave every team. "
                                + "The audit log keeps their name.",
                        "action", "/users/" + u.uuid() + "/delete", "button", "Delete user", "back", "/users", "error", error));
    }

    private void delete(Context ctx) {
        Principal p = Principals.of(ctx);
        audit.require(p, "user.delete", Permission.MANAGE_PEOPLE);
        User u = user(ctx);
        try {
            audit.run(p, "user.delete", () -> AuditObject.of(u), () -> access.users().delete(u.uuid()));
        } catch (CairnException.Conflict e) {
            confirmDelete(ctx, u, e.getMessage());
            return;
        }
        Pages.done(ctx, "/users", "User '" + u.name() + "' deleted.");
    }
}
