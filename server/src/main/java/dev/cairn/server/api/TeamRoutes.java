package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Membership;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.access.Role;
import dev.cairn.core.access.Team;
import dev.cairn.core.access.Teams;
import dev.cairn.core.access.User;
import dev.cairn.server.auth.Principals;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code /v1/teams}, {@code /v1/team/{uuid}} and its members. Everyone sees the teams they are in
 * (an admin every team); another team is not found. Only admins (manage-people) create, edit and
 * delete teams and set their members: a team's operator does not manage its people.
 */
final class TeamRoutes {
    private final Cairn cairn;
    private final AuditedChanges changes;

    TeamRoutes(Cairn cairn) {
        this.cairn = cairn;
        this.changes = new AuditedChanges(cairn.access());
    }

    void register(Routes routes) {
        var access = cairn.access();
        Teams teams = access.teams();
        routes.get("/v1/teams", ctx -> {
            Principal p = Principals.of(ctx);
            Json.ok(ctx, Views.all(teams.list().stream().filter(t -> p.admin() || p.roles().containsKey(t.uuid())).toList(),
                    this::team));
        });
        routes.post("/v1/teams", ctx -> {
            Principal p = Principals.of(ctx);
            RequestBody body = RequestBody.of(ctx);
            changes.require(p, Permission.MANAGE_PEOPLE, "team.create",
                    new AuditObject("team", null, body.string("name", ""), null));
            body.require("name");
            Team team = new Team(UUID.randomUUID(), body.string("name").strip(), body.string("summary", ""));
            changes.change(p, "team.create", AuditObject.of(team), "", () -> teams.insert(team));
            Json.ok(ctx, Views.created(team.uuid()));
        });
        routes.get("/v1/team/{uuid}", ctx -> Json.ok(ctx, team(access.team(Principals.of(ctx), Ids.path(ctx, "team")))));
        routes.put("/v1/team/{uuid}", ctx -> {
            Principal p = Principals.of(ctx);
            Team current = access.team(p, Ids.path(ctx, "team"));
            changes.require(p, Permission.MANAGE_PEOPLE, "team.update", AuditObject.of(current));
            RequestBody body = RequestBody.of(ctx);
            Team updated = new Team(current.uuid(), body.has("name") ? body.string("name").strip() : current.name(),
                    body.string("summary", current.summary()));
            String detail = updated.name().equals(current.name()) ? "" : "renamed from '" + current.name() + "'";
            changes.change(p, "team.update", AuditObject.of(updated), detail, () -> teams.update(updated));
            Json.ok(ctx, Views.ok("updated"));
        });
        routes.delete("/v1/team/{uuid}", ctx -> {
            Principal p = Principals.of(ctx);
            Team team = access.team(p, Ids.path(ctx, "team"));
            changes.require(p, Permission.MANAGE_PEOPLE, "team.delete", AuditObject.of(team));
            changes.change(p, "team.delete", AuditObject.of(team), "", () -> teams.delete(team.uuid()));
            Json.ok(ctx, Views.ok("deleted"));
        });
        routes.post("/v1/team/{uuid}/members", ctx -> {
            Principal p = Principals.of(ctx);
            Team team = access.team(p, Ids.path(ctx, "team"));
            changes.require(p, Permission.MANAGE_PEOPLE, "member.set", AuditObject.of(team));
            RequestBody body = RequestBody.of(ctx).require("user", "role");
            User user = UserRoutes.find(access.users(), body.string("user"));
            Role role = Role.fromWire(body.string("role"));
            Optional<Membership> before = teams.members(team.uuid()).stream().filter(m -> m.user().equals(user.uuid()))
                    .findFirst();
            String detail = "user '" + user.name() + "' as " + role.wire()
                    + before.map(m -> " (was " + m.role().wire() + ")").orElse("");
            changes.change(p, "member.set", AuditObject.of(team), detail,
                    () -> teams.setMember(team.uuid(), user.uuid(), role, User.LOCAL));
            Json.ok(ctx, Views.ok("added"));
        });
        // {name}: the user's name or uuid (one parameter name for every item path the checks fill in)
        routes.delete("/v1/team/{uuid}/member/{name}", ctx -> {
            Principal p = Principals.of(ctx);
            Team team = access.team(p, Ids.path(ctx, "team"));
            changes.require(p, Permission.MANAGE_PEOPLE, "member.remove", AuditObject.of(team));
            User user = UserRoutes.find(access.users(), ctx.pathParam("name"));
            if (teams.members(team.uuid()).stream().noneMatch(m -> m.user().equals(user.uuid()))) {
                throw new CairnException.NotFound("member", user.name() + " of team " + team.name());
            }
            changes.change(p, "member.remove", AuditObject.of(team), "user '" + user.name() + "'",
                    () -> teams.removeMember(team.uuid(), user.uuid()));
            Json.ok(ctx, Views.ok("removed"));
        });
    }

    /** A team with its members and their roles, by user name. */
    private Map<String, Object> team(Team t) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", t.uuid().toString());
        v.put("name", t.name());
        v.put("summary", t.summary());
        v.put("members", members(cairn.access().teams().members(t.uuid())));
        return v;
    }

    private static List<Map<String, Object>> members(List<Membership> members) {
        return members.stream().map(m -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("uuid", m.user().toString());
            v.put("name", m.userName());
            v.put("role", m.role().wire());
            return v;
        }).toList();
    }
}
