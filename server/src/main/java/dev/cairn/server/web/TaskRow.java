package dev.cairn.server.web;

import dev.cairn.core.catalog.Task;

/** A task with what it worked on, in words: the job's or the target's name. */
public record TaskRow(Task task, String subject) {
    /** The log so far, empty rather than null. */
    public String log() {
        return task.log() == null ? "" : task.log();
    }
}
