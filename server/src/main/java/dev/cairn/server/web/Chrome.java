package dev.cairn.server.web;

import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import java.util.UUID;

/**
 * What every page's frame shows: the title, which section of the navigation is current, the
 * token forms carry against cross-site posts (null when logged out), a one-shot notice, and who
 * is signed in ({@code principal}, null when nobody is), so that a page shows only the links and
 * buttons that person may press, and the address the browser reached this server at ({@code origin},
 * such as {@code https://cairn.example.com}), for commands a page shows to copy.
 */
public record Chrome(String title, String section, String csrf, String notice, Principal principal, String origin) {
    /** Whether a user is logged in, so the navigation and logout are shown. */
    public boolean loggedIn() {
        return csrf != null && principal != null;
    }

    /** The signed-in user's name as the header shows it: the display name, else the user name. */
    public String user() {
        return principal == null ? "" : principal.user().shownName();
    }

    /** The signed-in user's sign-in name, as {@code curl -u} takes it. */
    public String userName() {
        return principal == null ? "" : principal.user().name();
    }

    public boolean admin() {
        return principal != null && principal.admin();
    }

    /** Whether the signed-in user may do {@code permission} (its wire name) to objects of {@code team}. */
    public boolean may(String permission, UUID team) {
        return principal != null && principal.may(permission(permission), team);
    }

    /** Whether the signed-in user may do {@code permission} (its wire name) in at least one team. */
    public boolean mayAnywhere(String permission) {
        return principal != null && principal.mayAnywhere(permission(permission));
    }

    /** Whether the signed-in user belongs to a team or is an admin, so a list of teams has something to show. */
    public boolean hasTeams() {
        return principal != null && (principal.admin() || !principal.roles().isEmpty());
    }

    /** The htmx headers every request from the page sends: the token against cross-site posts. */
    public String htmxHeaders() {
        return csrf == null ? "{}" : "{\"" + RequestGuard.CSRF_HEADER + "\": \"" + csrf + "\"}";
    }

    private static Permission permission(String wire) {
        for (Permission p : Permission.values()) {
            if (p.wire().equals(wire)) {
                return p;
            }
        }
        throw new IllegalArgumentException("no permission " + wire);
    }
}
