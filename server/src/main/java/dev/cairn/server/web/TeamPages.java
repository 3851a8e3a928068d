package dev.cairn.server.web;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.access.Role;
import dev.cairn.core.access.Team;
import dev.cairn.core.access.User;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.Statuses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Teams: an admin lists, creates and deletes them and sets who is a member with which role; any
 * other user sees the teams they belong to and who else is in them, read-only.
 */
final class TeamPages {
    private static final List<String> ROLES = Arrays.stream(Role.values()).map(Role::wire).toList();
    private final Access access;
    private final Pages pages;
    private final WebAudit audit;

    TeamPages(Access access, Pages pages) {
        this.access = access;
        this.pages = pages;
        this.audit = new WebAudit(access);
    }

    void register(RoutesConfig routes) {
        routes.get("/teams", ctx -> list(ctx, 200, null));
        routes.post("/teams", this::create);
        routes.get("/teams/{uuid}", ctx -> show(ctx, 200, team(ctx), null));
        routes.post("/teams/{uuid}/members", this::setMember);
        routes.post("/teams/{uuid}/members/{user}/remove", this::removeMember);
        routes.get("/teams/{uuid}/delete", ctx -> {
            Principals.of(ctx).require(Permission.MANAGE_PEOPLE);
            confirmDelete(ctx, team(ctx), null);
        });
        routes.post("/teams/{uuid}/delete", this::delete);
    }

    /** The team of the path when the user may see it: an admin, or a member; a 404 otherwise. */
    private Team team(Context ctx) {
        return access.team(Principals.of(ctx), Pages.uuid(ctx, "team"));
    }

    private void list(Context ctx, int status, String error) {
        Principal p = Principals.of(ctx);
        List<Team> teams = access.teams().list().stream().filter(t -> p.admin() || p.roles().containsKey(t.uuid())).toList();
        pages.page(ctx, status, "teams.jte", "Teams", "teams", Pages.params("teams", teams, "error", error,
                "name", error == null ? "" : Form.of(ctx).text("name"), "summary", error == null ? "" : Form.of(ctx).text("summary")));
    }

    private void create(Context ctx) {
        Principal p = Principals.of(ctx);
        audit.require(p, "team.create", Permission.MANAGE_PEOPLE);
        Form form = Form.of(ctx);
        Team team = new Team(UUID.randomUUID(), form.text("name"), form.text("summary"));
        try {
            audit.run(p, "team.create", () -> AuditObject.of(team), () -> access.teams().insert(team));
        } catch (CairnException e) {
            list(ctx, Statuses.of(e), e.getMessage());
            return;
        }
        Pages.done(ctx, "/teams/" + team.uuid(), "Team '" + team.name() + "' created. Add its members here.");
    }

    private void show(Context ctx, int status, Team team, String error) {
        pages.page(ctx, status, "team.jte", "Team " + team.name(), "teams", Pages.params("team", team,
                "members", access.teams().members(team.uuid()), "roles", ROLES, "error", error));
    }

    /** Adds a member by user name with a role, or gives a member another role. */
    private void setMember(Context ctx) {
        Principal p = Principals.of(ctx);
        audit.require(p, "member.set", Permission.MANAGE_PEOPLE);
        Team team = team(ctx);
        Form form = Form.of(ctx);
        String name;
        try {
            form.require("user", "role");
            name = form.text("user");
            Role role = Role.fromWire(form.text("role"));
            User user = access.users().findByName(name).orElseThrow(() ->
                    new CairnException.InvalidInput("user '" + name + "' does not exist"));
            audit.run(p, "member.set", () -> new AuditObject("user", user.uuid(), user.name(), team.uuid()),
                    () -> access.teams().setMember(team.uuid(), user.uuid(), role, "local"));
            Pages.done(ctx, "/teams/" + team.uuid(), user.name() + " is " + role.wire() + " of team '" + team.name() + "'.");
        } catch (CairnException e) {
            show(ctx, Statuses.of(e), team, e.getMessage());
        }
    }

    private void removeMember(Context ctx) {
        Principal p = Principals.of(ctx);
        audit.require(p, "member.remove", Permission.MANAGE_PEOPLE);
        Team team = team(ctx);
        String text = ctx.pathParam("user");
        UUID uuid;
        try {
            uuid = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new CairnException.NotFound("user", text);
        }
        User user = access.users().get(uuid);
        audit.run(p, "member.remove", () -> new AuditObject("user", user.uuid(), user.name(), team.uuid()),
                () -> access.teams().removeMember(team.uuid(), user.uuid()));
        Pages.done(ctx, "/teams/" + team.uuid(), user.name() + " left team '" + team.name() + "'.");
    }

    private void confirmDelete(Context ctx, Team team, String error) {
        pages.page(ctx, error == null ? 200 : 409, "confirm.jte", "Delete team " + team.name(), "teams",
                Pages.params("question", "Delete team '" + team.name() + "'?",
                        "consequence", "Its members leave it. A team that still owns a target cannot be deleted: "
                                + "move or delete its targets first.",
                        "action", "/teams/" + team.uuid() + "/delete", "button", "Delete team", "back",
                        "/teams/" + team.uuid(), "error", error));
    }

    private void delete(Context ctx) {
        Principal p = Principals.of(ctx);
        audit.require(p, "team.delete", Permission.MANAGE_PEOPLE);
        Team team = team(ctx);
        try {
            audit.run(p, "team.delete", () -> AuditObject.of(team), () -> access.teams().delete(team.uuid()));
        } catch (CairnException.Conflict e) {
            confirmDelete(ctx, team, e.getMessage());
            return;
        }
        Pages.done(ctx, "/teams", "Team '" + team.name() + "' deleted.");
    }
}
