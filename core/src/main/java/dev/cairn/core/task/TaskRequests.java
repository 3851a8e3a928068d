package dev.cairn.core.task;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.TaskStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Queues ad hoc work that a person asks for: running a job now, restoring or verifying an archive. */
public final class TaskRequests {
    private final Repositories catalog;
    private final TaskRunner runner;
    private final Clock clock;

    public TaskRequests(Repositories catalog, TaskRunner runner, Clock clock) {
        this.catalog = catalog;
        this.runner = runner;
        this.clock = clock;
    }

    /** Queues a backup of {@code jobUuid} owned by {@code owner}, ahead of scheduled work. */
    public Task runJob(UUID jobUuid, String owner) {
        return runJob(jobUuid, owner, "");
    }

    /** As {@link #runJob(UUID, String)}, with {@code ownerNote} (what the client said of its owner) kept beside. */
    public Task runJob(UUID jobUuid, String owner, String ownerNote) {
        Job job = catalog.jobs().get(jobUuid);
        Task task = new Task(UUID.randomUUID(), owner, Task.Op.BACKUP, job.uuid(), null, job.target(), job.store(),
                TaskStatus.PENDING, job.priority(), clock.instant(), null, null, null, "").withOwnerNote(ownerNote);
        catalog.tasks().insert(task);
        runner.wake();
        return task;
    }

    /**
     * Queues a restore of {@code archiveUuid} into {@code targetUuid} (null: the target it was taken
     * from). A target of another plugin than the archive's, a purged archive, or a damaged one (until
     * a verify succeeds again) is a conflict.
     */
    public Task restore(UUID archiveUuid, UUID targetUuid, String owner) {
        return restore(archiveUuid, targetUuid, owner, "");
    }

    /** As {@link #restore(UUID, UUID, String)}, with {@code ownerNote} kept beside the owner. */
    public Task restore(UUID archiveUuid, UUID targetUuid, String owner, String ownerNote) {
        Archive archive = catalog.archives().get(archiveUuid);
        if (archive.status() == Archive.Status.PURGED) {
            throw new CairnException.Conflict("archive " + archiveUuid + " was purged from its store; it cannot be restored");
        }
        if (archive.status() == Archive.Status.DAMAGED) {
            throw new CairnException.Conflict("archive " + archiveUuid + " is damaged, so it is not restored: "
                    + catalog.archives().damage(archiveUuid).orElse("a check of its object failed")
                    + " (a verify that succeeds marks it valid again)");
        }
        Target destination = catalog.targets().get(targetUuid == null ? archive.target() : targetUuid);
        if (!archive.plugin().equals(destination.plugin())) {
            throw new CairnException.Conflict("archive " + archiveUuid + " holds a " + archive.plugin()
                    + " backup; target '" + destination.name() + "' uses plugin " + destination.plugin());
        }
        Task task = new Task(UUID.randomUUID(), owner, Task.Op.RESTORE, archive.job(), archive.uuid(),
                destination.uuid(), archive.store(), TaskStatus.PENDING, 50, clock.instant(), null, null, null, "")
                .withOwnerNote(ownerNote);
        catalog.tasks().insert(task);
        runner.wake();
        return task;
    }

    /** Queues a verify of {@code archiveUuid}: read back, checksum, decrypt and decompress, restore nothing. */
    public Task verify(UUID archiveUuid, String owner) {
        Archive archive = catalog.archives().get(archiveUuid);
        if (!archive.status().stored()) {
            throw new CairnException.Conflict("archive " + archiveUuid + " was purged from its store; it cannot be verified");
        }
        Task task = verifyTask(archive, owner, 50, clock.instant());
        catalog.tasks().insert(task);
        runner.wake();
        return task;
    }

    /**
     * Queues image task {@code uuid}, which loads {@code archive} into the image that names it
     * ({@link dev.cairn.core.instances.Images#request}); its team is the archive's.
     */
    public Task image(UUID uuid, Archive archive, String owner) {
        Task task = new Task(uuid, owner, Task.Op.IMAGE, archive.job(), archive.uuid(), archive.target(), archive.store(),
                TaskStatus.PENDING, 50, clock.instant(), null, null, null, "", archive.team(), "");
        catalog.tasks().insert(task);
        runner.wake();
        return task;
    }

    /**
     * Queues a sanitise task that makes variant {@code variant} of full archive {@code archiveUuid}
     * with its target's latest rules. A variant, a purged or a damaged archive is a conflict, as is
     * a target without rules.
     */
    public Task sanitise(UUID archiveUuid, String variant, String owner) {
        Archive archive = catalog.archives().get(archiveUuid);
        if (archive.isVariant()) {
            throw new CairnException.Conflict("archive " + archiveUuid + " is itself variant '" + archive.variant()
                    + "'; make variants of its source " + archive.sourceArchive());
        }
        if (archive.status() != Archive.Status.VALID) {
            throw new CairnException.Conflict("archive " + archiveUuid + " is " + archive.status().wire()
                    + "; no variant is made of it");
        }
        String name = variant == null || variant.isBlank() ? SanitiseWork.DEFAULT_VARIANT : variant.strip();
        if (!Job.VARIANT_NAME.matcher(name).matches()) {
            throw new CairnException.InvalidInput("a variant name must be lower-case letters, digits, - and _ "
                    + "(starting with a letter, at most 40), got '" + name + "'");
        }
        Task task = sanitiseTask(archive, owner, 50, clock.instant());
        catalog.tasks().insert(task, name);
        runner.wake();
        return task;
    }

    /** A pending sanitise task of {@code archive}. */
    static Task sanitiseTask(Archive archive, String owner, int priority, Instant now) {
        return new Task(UUID.randomUUID(), owner, Task.Op.SANITISE, archive.job(), archive.uuid(), archive.target(),
                archive.store(), TaskStatus.PENDING, priority, now, null, null, null, "");
    }

    /** A pending verify of {@code archive}. */
    static Task verifyTask(Archive archive, String owner, int priority, Instant now) {
        return new Task(UUID.randomUUID(), owner, Task.Op.VERIFY, archive.job(), archive.uuid(), archive.target(),
                archive.store(), TaskStatus.PENDING, priority, now, null, null, null, "");
    }
}
