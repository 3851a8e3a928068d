package dev.cairn.core.retention;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Archives;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Jobs;
import dev.cairn.core.catalog.RetentionPolicies;
import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Stores;
import dev.cairn.core.pipeline.Manifest;
import dev.cairn.core.plugins.PluginRegistry;
import dev.cairn.plugin.Endpoint;
import dev.cairn.plugin.StorePlugin;
import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Purges archives from their stores: on each sweep those expired that no rule of their job's
 * retention policy keeps (see {@link RetentionPlanner}), and one at a time when an operator
 * deletes an archive. An archive is marked purged only once its store confirms the
 * object is gone; until then it stays valid and the next sweep tries again.
 */
public final class RetentionSweeper {
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);
    private final Archives archives;
    private final Stores stores;
    private final PluginRegistry plugins;
    private final Jobs jobs;
    private final RetentionPolicies policies;
    private final RetentionPlanner planner;

    public RetentionSweeper(Archives archives, Stores stores, PluginRegistry plugins, Jobs jobs, RetentionPolicies policies) {
        this.archives = archives;
        this.stores = stores;
        this.plugins = plugins;
        this.jobs = jobs;
        this.policies = policies;
        this.planner = new RetentionPlanner(archives);
    }

    /** What the sweep would purge and keep at {@code now} of {@code target}'s archives under {@code policy}. */
    public RetentionPlan preview(RetentionPolicy policy, UUID target, Instant now) {
        return planner.plan(policy, target, now);
    }

    /**
     * Purges every archive expired at {@code now} that no rule of its job's policy keeps; returns
     * how many were purged. An archive whose job is gone has only its expiry.
     */
    public int sweep(Instant now) {
        int purged = 0;
        Map<UUID, Optional<RetentionPolicy>> policyOfJob = new HashMap<>();
        Map<List<UUID>, RetentionPlan> plans = new HashMap<>();
        for (Archive archive : archives.expired(now)) {
            Optional<RetentionPolicy> policy = archive.job() == null ? Optional.empty()
                    : policyOfJob.computeIfAbsent(archive.job(), j -> jobs.find(j).map(Job::retention).flatMap(policies::find));
            if (policy.isPresent() && policy.get().keep().any()
                    && !plans.computeIfAbsent(List.of(policy.get().uuid(), archive.target()),
                            k -> planner.plan(policy.get(), archive.target(), now)).purges(archive.uuid())) {
                continue;
            }
            try {
                purge(archive);
                purged++;
            } catch (CairnException e) {
                LOG.warn("archive {} expired but could not be purged yet: {}", archive.uuid(), e.getMessage());
            }
        }
        return purged;
    }

    /** Removes {@code archive}'s object and manifest from its store, then marks it purged. */
    public void purge(Archive archive) {
        Store store = stores.get(archive.store());
        StorePlugin plugin = plugins.store(store.plugin());
        Endpoint endpoint = plugins.endpoint(store.plugin(), store.endpoint());
        try {
            Manifest.purgeWithObject(plugin, endpoint, archive.storeKey(), archive.manifestKey());
            if (plugin.exists(endpoint, archive.storeKey())) {
                throw new IOException("the object is still there after purging");
            }
        } catch (IOException | RuntimeException e) {
            String why = "cannot purge archive " + archive.uuid() + " from store " + store.name() + ": " + e.getMessage();
            archives.recordPurgeError(archive.uuid(), why);
            throw new CairnException.Failure(why, e);
        }
        archives.markPurged(archive.uuid());
    }
}
