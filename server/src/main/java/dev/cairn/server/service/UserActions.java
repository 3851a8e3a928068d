package dev.cairn.server.service;

import dev.cairn.core.catalog.Names;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.stores.StoreSelfTest;
import dev.cairn.core.targets.ConnectionTest;
import java.util.Map;
import java.util.UUID;

/**
 * The things a person asks the core to do: run a job now, restore, cancel a task, delete an archive,
 * test a store, test a target's connection.
 */
public final class UserActions {
    /** Who owns ad hoc work when the client does not say. */
    public static final String ANONYMOUS = "anon";
    private final Cairn cairn;

    public UserActions(Cairn cairn) {
        this.cairn = cairn;
    }

    /** Queues a backup of {@code job} now. */
    public Task runJob(UUID job, String owner) {
        return cairn.requests().runJob(job, owner(owner));
    }

    /** Queues a restore of {@code archive} into {@code target} (null: where it was taken from). */
    public Task restore(UUID archive, UUID target, String owner) {
        return cairn.requests().restore(archive, target, owner(owner));
    }

    /** Cancels a pending or running task; one that has ended is a conflict. */
    public void cancel(UUID task) {
        UUID uuid = cairn.catalog().tasks().get(task).uuid();
        if (!cairn.runner().cancel(uuid)) {
            throw new CairnException.Conflict("task " + uuid + " has already ended");
        }
    }

    /** Deletes an archive: a stored one is purged from its store first. */
    public void deleteArchive(UUID uuid) {
        Archive archive = cairn.catalog().archives().get(uuid);
        if (archive.status().stored()) {
            cairn.sweeper().purge(archive);
        }
    }

    /** Tests store {@code uuid} now (write, read back, purge a blob) and records the outcome as its health. */
    public StoreSelfTest.Result testStore(UUID uuid) {
        return cairn.storeSelfTest().test(uuid);
    }

    /** Connects to saved target {@code uuid} with its endpoint and says what it reached or what is wrong; records nothing. */
    public ConnectionTest.Result testTarget(UUID uuid) {
        return new ConnectionTest(cairn.plugins()).test(cairn.catalog().targets().get(uuid));
    }

    /**
     * Tests an endpoint that is not saved yet, as typed into a form, with the same checks as saving
     * it (a 400 naming the bad field). {@code saved} is the target being edited, or null: secrets
     * sent back masked are then its stored ones, as when saving.
     */
    public ConnectionTest.Result testEndpoint(String name, String plugin, Map<String, Object> endpoint, String agent, UUID saved) {
        Target current = saved == null ? null : cairn.catalog().targets().get(saved);
        Target target = new CatalogInput(cairn).target(saved == null ? UUID.randomUUID() : saved, name, "", plugin, endpoint,
                agent, current);
        return new ConnectionTest(cairn.plugins()).test(target);
    }

    private static String owner(String owner) {
        Names.checkName("owner", owner);
        return owner == null || owner.isBlank() ? ANONYMOUS : owner;
    }
}
