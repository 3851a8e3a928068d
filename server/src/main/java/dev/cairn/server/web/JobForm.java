package dev.cairn.server.web;

import dev.cairn.core.catalog.RetentionPolicy;
import dev.cairn.core.catalog.Schedule;
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import java.util.List;
import java.util.UUID;

/**
 * The job form: choices for each part, what is chosen, why the last attempt was refused, whether
 * the signed-in user may save it (else it is shown read-only) and the team of a saved job (null: none).
 */
public record JobForm(UUID uuid, JobEntry job, List<Target> targets, List<Store> stores, List<Schedule> schedules,
                      List<RetentionPolicy> policies, String error, List<String> invalid, boolean editable, UUID team) {
    public String action() {
        return uuid == null ? "/jobs" : "/jobs/" + uuid;
    }

    public boolean isInvalid(String field) {
        return invalid.contains(field);
    }

    /** Whether everything a job needs exists, so the form can be filled in. */
    public boolean complete() {
        return !targets.isEmpty() && !stores.isEmpty() && !schedules.isEmpty() && !policies.isEmpty();
    }

    /** The stores other than the chosen one, to tick those the job also copies to. */
    public CopyChoices copies() {
        return CopyChoices.of(stores, job.store(), job.copies(), isInvalid("copies"));
    }
}
