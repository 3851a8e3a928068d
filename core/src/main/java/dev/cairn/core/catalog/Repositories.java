package dev.cairn.core.catalog;

import org.jdbi.v3.core.Jdbi;

/** Every table of the catalog, each behind its repository. */
public record Repositories(Targets targets, Stores stores, Schedules schedules, RetentionPolicies retention,
                           Jobs jobs, Archives archives, Tasks tasks, Orphans orphans) {

    public static Repositories over(Jdbi jdbi, EndpointCodec codec) {
        return new Repositories(new Targets(jdbi, codec), new Stores(jdbi, codec), new Schedules(jdbi),
                new RetentionPolicies(jdbi), new Jobs(jdbi), new Archives(jdbi), new Tasks(jdbi),
                new Orphans(jdbi));
    }
}
