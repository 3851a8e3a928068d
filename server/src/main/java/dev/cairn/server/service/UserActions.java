package dev.cairn.server.service;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Names;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.stores.StoreSelfTest;
import dev.cairn.core.targets.ConnectionTest;
import dev.cairn.plugin.PluginException;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The things a person asks the core to do — run a job now, restore, verify, cancel a task, delete an
 * archive, test a store or a target — each checked against the principal's permissions and written
 * to the audit log with its outcome, the same for the API and the web UI.
 */
public final class UserActions {
    private final Cairn cairn;
    private final Access access;

    public UserActions(Cairn cairn) {
        this.cairn = cairn;
        this.access = cairn.access();
    }

    /**
     * Queues a backup of {@code job} now, owned by {@code p}; {@code ownerNote} is what the client said
     * of its owner (seed 004's {@code owner} field), kept beside the real user.
     */
    public Task runJob(Principal p, UUID job, String ownerNote) {
        return audited(p, "backup", () -> jobObject(p, job, Permission.RUN_BACKUP),
                () -> cairn.requests().runJob(job, p.name(), note(ownerNote)));
    }

    /** Queues a restore of {@code archive} into {@code target} (null: where it was taken from). */
    public Task restore(Principal p, UUID archive, UUID target, String ownerNote) {
        return audited(p, "restore", () -> {
            Archive a = access.archive(p, archive, Permission.RESTORE);
            access.target(p, target == null ? a.target() : target, Permission.RESTORE);
            return AuditObject.of(a);
        }, () -> cairn.requests().restore(archive, target, p.name(), note(ownerNote)));
    }

    /** Queues a check that {@code archive} reads back whole. */
    public Task verify(Principal p, UUID archive) {
        return audited(p, "verify", () -> AuditObject.of(access.archive(p, archive, Permission.VERIFY_ARCHIVE)),
                () -> cairn.requests().verify(archive, p.name()));
    }

    /** Cancels a pending or running task; one that has ended is a conflict. */
    public void cancel(Principal p, UUID task) {
        audited(p, "task.cancel", () -> AuditObject.of(access.task(p, task, Permission.MANAGE_TASKS)), () -> {
            if (!cairn.runner().cancel(task)) {
                throw new CairnException.Conflict("task " + task + " has already ended");
            }
            return null;
        });
    }

    /** Deletes an archive: a stored one is purged from its store first. */
    public void deleteArchive(Principal p, UUID uuid) {
        audited(p, "archive.delete", () -> AuditObject.of(access.archive(p, uuid, Permission.MANAGE_TASKS)), () -> {
            Archive archive = cairn.catalog().archives().get(uuid);
            if (archive.status().stored()) {
                cairn.sweeper().purge(archive);
            }
            return null;
        });
    }

    /** Tests store {@code uuid} now (write, read back, purge a blob) and records the outcome as its health. */
    public StoreSelfTest.Result testStore(Principal p, UUID uuid) {
        p.require(Permission.MANAGE_SHARED);
        return cairn.storeSelfTest().test(uuid);
    }

    /** Connects to saved target {@code uuid} with its endpoint and says what it reached or what is wrong; records nothing. */
    public ConnectionTest.Result testTarget(Principal p, UUID uuid) {
        return new ConnectionTest(cairn.plugins()).test(access.target(p, uuid, Permission.EDIT_CONFIG));
    }

    /**
     * Tests an endpoint that is not saved yet, as typed into a form, with the same checks as saving
     * it (a 400 naming the bad field). {@code saved} is the target being edited, or null: secrets
     * sent back masked are then its stored ones, as when saving.
     */
    public ConnectionTest.Result testEndpoint(Principal p, String name, String plugin, Map<String, Object> endpoint,
                                              String agent, UUID saved) {
        Target current = saved == null ? null : access.target(p, saved, Permission.EDIT_CONFIG);
        if (current == null && !p.mayAnywhere(Permission.EDIT_CONFIG)) {
            throw new CairnException.Forbidden(Permission.EDIT_CONFIG.wire(), "permission '" + Permission.EDIT_CONFIG.wire()
                    + "' is needed to test a new target; " + p.name() + " is operator of no team");
        }
        Target target = new CatalogInput(cairn).target(saved == null ? UUID.randomUUID() : saved, name, "", plugin, endpoint,
                agent, current);
        return new ConnectionTest(cairn.plugins()).test(target);
    }

    private AuditObject jobObject(Principal p, UUID uuid, Permission permission) {
        Job job = access.job(p, uuid, permission);
        return new AuditObject("job", job.uuid(), job.name(), access.teamOfJob(job));
    }

    /**
     * Runs {@code check} then {@code action}, and writes one audit row: {@code ok}, {@code denied} (the
     * check refused: a 403; a 404 is not written, as the object is not the principal's to know of), or
     * {@code failed} with the error.
     */
    private <T> T audited(Principal p, String action, Supplier<AuditObject> check, Supplier<T> act) {
        AuditObject object;
        try {
            object = check.get();
        } catch (CairnException.Forbidden e) {
            access.record(p, action, AuditObject.NONE, AuditEntry.Outcome.DENIED, e.getMessage());
            throw e;
        }
        try {
            T result = act.get();
            String detail = result instanceof Task task ? "task " + task.uuid() : "";
            access.record(p, action, object, AuditEntry.Outcome.OK, detail);
            return result;
        } catch (CairnException | PluginException e) {
            access.record(p, action, object, AuditEntry.Outcome.FAILED, e.getMessage());
            throw e;
        }
    }

    private static String note(String ownerNote) {
        Names.checkName("owner", ownerNote);
        return ownerNote == null ? "" : ownerNote.strip();
    }
}
