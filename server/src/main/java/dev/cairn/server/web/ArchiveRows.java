package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.JobFilter;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Usage;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Archives as the pages show them: with the names of their target, store and job, and the task that made them. */
final class ArchiveRows {

    private final Cairn cairn;

    ArchiveRows(Cairn cairn) {
        this.cairn = cairn;
    }

    ArchiveRow of(Archive a) {
        return of(List.of(a)).getFirst();
    }

    /** The rows of {@code archives}, in their order, with the names and tasks looked up once for all of them. */
    List<ArchiveRow> of(List<Archive> archives) {
        var catalog = cairn.catalog();
        Map<UUID, String> targets = catalog.targets().list(null, Usage.ANY).stream()
                .collect(Collectors.toMap(Target::uuid, Target::name));
        Map<UUID, String> stores = catalog.stores().list(null, Usage.ANY).stream()
                .collect(Collectors.toMap(Store::uuid, Store::name));
        Map<UUID, String> jobs = catalog.jobs().list(JobFilter.ALL).stream().collect(Collectors.toMap(Job::uuid, Job::name));
        Map<UUID, UUID> tasks = catalog.tasks().madeBy(archives.stream().map(Archive::uuid).toList());
        return archives.stream().map(a -> new ArchiveRow(a, targets.getOrDefault(a.target(), "(deleted target)"),
                stores.getOrDefault(a.store(), "(deleted store)"), a.job() == null ? null : jobs.get(a.job()),
                tasks.get(a.uuid()), cairn.instances().engines().find(a.plugin()).isPresent())).toList();
    }
}
