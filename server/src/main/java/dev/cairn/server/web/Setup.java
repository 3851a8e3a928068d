package dev.cairn.server.web;

/** What a fresh install has set up so far, in the order the dashboard suggests setting it up. */
public record Setup(boolean stores, boolean targets, boolean schedules, boolean policies, boolean jobs) {
    public boolean complete() {
        return stores && targets && schedules && policies && jobs;
    }
}
