package dev.cairn.core.access;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.TeamScope;
import java.util.Map;
import java.util.UUID;

/**
 * Who is asking, as every service call sees it: the signed-in user, their role in each of their
 * teams, the address the request came from and how they signed in ({@code token}, {@code basic},
 * {@code session}, {@code ldap}, {@code proxy}). Every permission check of Cairn goes through here.
 *
 * <p>Another team's objects are answered as if they did not exist ({@link CairnException.NotFound}),
 * so that names and uuids do not leak; a visible object the user may not act on is a
 * {@link CairnException.Forbidden} naming the permission.
 */
public record Principal(User user, Map<UUID, Role> roles, Map<UUID, String> teamNames, String address, String via) {
    public Principal {
        roles = Map.copyOf(roles);
        teamNames = Map.copyOf(teamNames);
        address = address == null ? "" : address;
        via = via == null ? "" : via;
    }

    public String name() {
        return user.name();
    }

    public boolean admin() {
        return user.admin();
    }

    /** Whether objects of {@code team} (null: of no team, an admin's) are visible. */
    public boolean sees(UUID team) {
        return admin() || team != null && roles.containsKey(team);
    }

    /** Whether {@code permission} is allowed on objects of {@code team}. */
    public boolean may(Permission permission, UUID team) {
        if (admin()) {
            return true;
        }
        if (!permission.teamScoped() || team == null) {
            return false;
        }
        Role role = roles.get(team);
        return role != null && role.allows(permission);
    }

    /** Whether {@code permission} is allowed in at least one team (to show a button that leads somewhere). */
    public boolean mayAnywhere(Permission permission) {
        return admin() || permission.teamScoped() && roles.values().stream().anyMatch(role -> role.allows(permission));
    }

    /**
     * Refuses {@code permission} on the {@code kind} {@code id} of {@code team}: a 404 when the object is
     * not visible at all, a 403 naming the permission when it is.
     */
    public void require(Permission permission, UUID team, String kind, Object id) {
        if (!sees(team)) {
            throw new CairnException.NotFound(kind, id);
        }
        if (!may(permission, team)) {
            Role role = roles.get(team);
            throw new CairnException.Forbidden(permission.wire(), "permission '" + permission.wire() + "' is needed for "
                    + kind + " " + id + "; " + name() + " is " + (role == null ? "not a member" : role.wire())
                    + " of its team '" + teamNames.getOrDefault(team, String.valueOf(team)) + "'");
        }
    }

    /** Refuses a global (admin) permission, naming it. */
    public void require(Permission permission) {
        if (!admin()) {
            throw new CairnException.Forbidden(permission.wire(), "permission '" + permission.wire()
                    + "' is needed: it belongs to admins, and " + name() + " is not one");
        }
    }

    /** Refuses {@code permission} in {@code team} when creating something there (the team itself must be visible). */
    public void requireIn(Permission permission, UUID team) {
        require(permission, team, "team", teamNames.getOrDefault(team, String.valueOf(team)));
    }

    /** The rows this principal may list. */
    public TeamScope scope() {
        return admin() ? TeamScope.ALL : TeamScope.of(roles.keySet());
    }
}
