package dev.cairn.server.web;

import dev.cairn.core.catalog.Target;
import java.util.List;

/**
 * The restore confirmation: the archive, the targets of its plugin it can go to, the one chosen,
 * what of it will be overwritten (its endpoint, secrets masked), and why the last attempt failed.
 */
public record RestoreChoice(ArchiveRow archive, List<Target> targets, Target chosen, String overwritten, String error) {
    /** Whether the chosen target is the one the archive was taken from. */
    public boolean original() {
        return chosen.uuid().equals(archive.archive().target());
    }
}
