package dev.cairn.server.web;

/** The audit page's filters as typed: a user name, an action (or its start, {@code target.}), days as {@code YYYY-MM-DD}; empty for none. */
public record AuditFilters(String user, String action, String after, String before) {
    /** Whether any filter is set. */
    public boolean any() {
        return !(user.isEmpty() && action.isEmpty() && after.isEmpty() && before.isEmpty());
    }
}
