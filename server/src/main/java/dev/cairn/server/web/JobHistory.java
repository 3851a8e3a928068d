package dev.cairn.server.web;

import java.util.List;
import java.util.UUID;

/**
 * A job's recent runs as its page shows them: its latest tasks and archives, newest first, and how
 * many there are in all, which the full lists behind {@link #tasksLink()} and {@link #archivesLink()} hold.
 */
public record JobHistory(UUID job, List<TaskRow> tasks, long taskCount, List<ArchiveRow> archives, long archiveCount) {
    /** How many tasks and archives the page shows. */
    static final int SHOWN = 20;

    public String tasksLink() {
        return "/tasks?job=" + job;
    }

    public String archivesLink() {
        return "/archives?job=" + job;
    }
}
