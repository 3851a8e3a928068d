package dev.cairn.server.service;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
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
import java.util.Map;
import java.util.UUID;

/**
 * The things a person asks the core to do — run a job now, restore, verify, cancel a task, delete an
 * archive, test a store or a target — each checked against the principal's permissions and written
 * to the audit log with its outcome, the same for the API and the web UI.
 */
public final class UserActions {
    private final Cairn cairn;
    private final Access access;
    private final Audited audited;

    public UserActions(Cairn cairn) {
        this.cairn = cairn;
        this.access = cairn.access();
        this.audited = new Audited(access);
    }

    /**
     * Queues a backup of {@code job} now, owned by {@code p}; {@code ownerNote} is what the client said
     * of its owner (seed 004's {@code owner} field), kept beside the real user.
     */
    public Task runJob(Principal p, UUID job, String ownerNote) {
        Job found = access.job(p, job, Permission.VIEW);
        UUID team = access.teamOfJob(found);
        return audited.run(p, "backup", jobObject(found, team), () -> {
            p.require(Permission.RUN_BACKUP, team, "job", found.name());
            return cairn.requests().runJob(job, p.name(), note(ownerNote));
        });
    }

    /**
     * Queues a restore of {@code archive} into {@code target} (null: where it was taken from); the
     * target, of any team, must be visible to {@code p} and allow them to restore.
     */
    public Task restore(Principal p, UUID archive, UUID target, String ownerNote) {
        Archive a = access.archive(p, archive, Permission.VIEW);
        return audited.run(p, "restore", AuditObject.of(a), () -> {
            p.require(Permission.RESTORE, a.team(), "archive", a.uuid());
            access.target(p, target == null ? a.target() : target, Permission.RESTORE);
            return cairn.requests().restore(archive, target, p.name(), note(ownerNote));
        });
    }

    /** Queues a check that {@code archive} reads back whole. */
    public Task verify(Principal p, UUID archive) {
        Archive a = access.archive(p, archive, Permission.VIEW);
        return audited.run(p, "verify", AuditObject.of(a), () -> {
            p.require(Permission.VERIFY_ARCHIVE, a.team(), "archive", a.uuid());
            return cairn.requests().verify(archive, p.name());
        });
    }

    /** Cancels a pending or running task; one that has ended is a conflict. */
    public void cancel(Principal p, UUID task) {
        Task t = access.task(p, task, Permission.VIEW);
        audited.run(p, "task.cancel", AuditObject.of(t), () -> {
            p.require(Permission.MANAGE_TASKS, t.team(), "task", t.uuid());
            if (!cairn.runner().cancel(task)) {
                throw new CairnException.Conflict("task " + task + " has already ended");
            }
        });
    }

    /** Deletes an archive: a stored one is purged from its store first. */
    public void deleteArchive(Principal p, UUID uuid) {
        Archive a = access.archive(p, uuid, Permission.VIEW);
        audited.run(p, "archive.delete", AuditObject.of(a), () -> {
            p.require(Permission.MANAGE_TASKS, a.team(), "archive", a.uuid());
            Archive archive = cairn.catalog().archives().get(uuid);
            if (archive.status().stored()) {
                cairn.sweeper().purge(archive);
            }
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

    /** What an audit row about {@code job} of {@code team} names. */
    static AuditObject jobObject(Job job, UUID team) {
        return new AuditObject("job", job.uuid(), job.name(), team);
    }

    private static String note(String ownerNote) {
        Names.checkName("owner", ownerNote);
        return ownerNote == null ? "" : ownerNote.strip();
    }
}
