package dev.cairn.core.retention;

import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Archives;
import dev.cairn.core.catalog.RetentionPolicy;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Decides which archives of a target a retention policy keeps at a given time: an archive stays
 * while it has not expired or while a rule of the policy's {@link RetentionPolicy.Keep} holds it.
 * The sweep and its preview both ask this, so the preview is what the sweep does.
 */
public final class RetentionPlanner {
    private final Archives archives;

    public RetentionPlanner(Archives archives) {
        this.archives = archives;
    }

    /**
     * The plan for the stored archives of {@code target} made by jobs under {@code policy}, at
     * {@code now}. The rules are applied to each store's archives on their own, so a job's copy in
     * a second store is kept beside the first.
     */
    public RetentionPlan plan(RetentionPolicy policy, UUID target, Instant now) {
        List<Archive> stored = archives.storedUnder(policy.uuid(), target);
        Map<UUID, List<Archive>> byStore = new LinkedHashMap<>();
        for (Archive archive : stored) {
            byStore.computeIfAbsent(archive.store(), s -> new ArrayList<>()).add(archive);
        }
        GfsRules rules = new GfsRules(policy.keep());
        Map<UUID, List<String>> kept = new LinkedHashMap<>();
        byStore.values().forEach(inStore -> kept.putAll(rules.keepers(inStore)));
        List<RetentionPlan.Decision> decisions = new ArrayList<>();
        for (Archive archive : stored) {
            List<String> keptBy = new ArrayList<>();
            if (archive.expiresAt().isAfter(now)) {
                keptBy.add("not expired until " + archive.expiresAt());
            }
            keptBy.addAll(kept.getOrDefault(archive.uuid(), List.of()));
            decisions.add(new RetentionPlan.Decision(archive, keptBy));
        }
        return new RetentionPlan(policy.uuid(), target, now, decisions);
    }
}
