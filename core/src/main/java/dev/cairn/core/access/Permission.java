package dev.cairn.core.access;

/**
 * What a person may be allowed to do. Team permissions apply to a team's targets, jobs, archives,
 * tasks and instances; global ones are an admin's alone. The wire name is what a refusal names.
 */
public enum Permission {
    /** See a team's configuration, archives and tasks. */
    VIEW("view", true),
    /** Run a team's job now (an ad hoc backup). */
    RUN_BACKUP("run-backup", true),
    /** Check that an archive of the team reads back whole. */
    VERIFY_ARCHIVE("verify-archive", true),
    /** Download a sanitised variant of a team's archive. */
    DOWNLOAD_SANITISED("download-sanitised", true),
    /** Create and destroy throw-away instances of a team's targets. */
    MANAGE_INSTANCES("manage-instances", true),
    /** Restore an archive into a team's target. */
    RESTORE("restore", true),
    /** Download a whole (unsanitised) archive of the team. */
    DOWNLOAD_FULL("download-full", true),
    /** Create, edit and delete a team's targets and jobs, and the notes of its archives. */
    EDIT_CONFIG("edit-config", true),
    /** Cancel any task of the team, and delete its archives. */
    MANAGE_TASKS("manage-tasks", true),
    /** Read the team's audit rows. */
    VIEW_AUDIT("view-audit", true),
    /** Create, edit and delete users and teams and their memberships. */
    MANAGE_PEOPLE("manage-people", false),
    /** Create, edit and delete what all teams share: stores, schedules, retention policies. */
    MANAGE_SHARED("manage-shared", false),
    /** Manage plugins and agents, and everything no team owns. */
    MANAGE_SYSTEM("manage-system", false),
    /** Scrape {@code /metrics}: numbers about every team's jobs, stores and tasks, with their names. */
    METRICS("metrics", false);

    private final String wire;
    private final boolean team;

    Permission(String wire, boolean team) {
        this.wire = wire;
        this.team = team;
    }

    /** The name an error or the API gives this permission, e.g. {@code restore}. */
    public String wire() {
        return wire;
    }

    /** Whether a team role can grant it; otherwise only the admin flag does. */
    public boolean teamScoped() {
        return team;
    }
}
