package dev.cairn.server.web;

/**
 * What every page's frame shows: the title, which section of the navigation is current, the
 * token forms carry against cross-site posts (null when logged out), and a one-shot notice.
 */
public record Chrome(String title, String section, String csrf, String notice) {
    /** Whether a user is logged in, so the navigation and logout are shown. */
    public boolean loggedIn() {
        return csrf != null;
    }

    /** The htmx headers every request from the page sends: the token against cross-site posts. */
    public String htmxHeaders() {
        return csrf == null ? "{}" : "{\"" + RequestGuard.CSRF_HEADER + "\": \"" + csrf + "\"}";
    }
}
