package dev.cairn.server.web;

import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import java.util.List;

/** The archive list's filters as chosen (empty for none; dates as {@code YYYY-MM-DD}) and what can be chosen. */
public record ArchiveFilters(String target, String store, String job, String after, String before, List<Target> targets,
                             List<Store> stores, List<Job> jobs) {
    /** Whether any filter is set. */
    public boolean any() {
        return !(target.isEmpty() && store.isEmpty() && job.isEmpty() && after.isEmpty() && before.isEmpty());
    }
}
