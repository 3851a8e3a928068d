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
import dev.cairn.core.catalog.Store;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.stores.CatalogRecovery;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The configuration changes a person asks for — targets, jobs, archive notes, and what all teams
 * share (stores, schedules, retention policies) — each checked against the principal and audited,
 * the same for every front end. Front ends read the request and build the record (with
 * {@link CatalogInput}); an object the principal cannot see is a 404 before anything is written.
 *
 * <p>A team's targets and jobs need {@code edit-config} in that team; moving a target or a job
 * between teams needs it in both. Shared things need {@code manage-shared}, an admin's.
 */
public final class CatalogChanges {
    private final Cairn cairn;
    private final Access access;
    private final Audited audited;

    public CatalogChanges(Cairn cairn) {
        this.cairn = cairn;
        this.access = cairn.access();
        this.audited = new Audited(access);
    }

    /**
     * Saves a new target, built by {@code build}, in the team {@code team} names (a name or uuid):
     * when null, a non-admin's one team where they may edit the configuration, or no team for an admin.
     */
    public void createTarget(Principal p, UUID uuid, String name, String team, Supplier<Target> build) {
        UUID owner = team == null ? defaultTeam(p) : named(p, team);
        audited.runWithEndpoint(p, "target.create", new AuditObject("target", uuid, name, owner), () -> {
            requireEditIn(p, owner);
            cairn.catalog().targets().insert(build.get().ownedBy(owner));
        });
    }

    /**
     * Saves target {@code uuid} as {@code build} makes it from the saved one, in the team {@code team}
     * names (null: the team it has; "": no team, which only an admin may give it).
     */
    public void updateTarget(Principal p, UUID uuid, String team, Function<Target, Target> build) {
        Target current = access.target(p, uuid, Permission.VIEW);
        UUID owner = team == null ? current.team() : named(p, team);
        audited.runWithEndpoint(p, "target.update", AuditObject.of(current), () -> {
            p.require(Permission.EDIT_CONFIG, current.team(), "target", current.name());
            if (!Objects.equals(owner, current.team())) {
                requireEditIn(p, owner);
            }
            cairn.catalog().targets().update(build.apply(current).ownedBy(owner));
        });
    }

    /** Deletes target {@code uuid}; one still used is a conflict. */
    public void deleteTarget(Principal p, UUID uuid) {
        Target current = access.target(p, uuid, Permission.VIEW);
        audited.run(p, "target.delete", AuditObject.of(current), () -> {
            p.require(Permission.EDIT_CONFIG, current.team(), "target", current.name());
            cairn.catalog().targets().delete(uuid);
        });
    }

    /** Saves a new job named {@code name} on {@code target}, built by {@code build}. */
    public void createJob(Principal p, UUID uuid, String name, UUID target, Supplier<Job> build) {
        Target on = visibleTarget(p, target);
        audited.run(p, "job.create", new AuditObject("job", uuid, name, on.team()), () -> {
            p.require(Permission.EDIT_CONFIG, on.team(), "target", on.name());
            cairn.catalog().jobs().insert(build.get());
        });
    }

    /** Saves job {@code uuid} as {@code build} makes it from the saved one, on {@code target}. */
    public void updateJob(Principal p, UUID uuid, UUID target, Function<Job, Job> build) {
        Job current = access.job(p, uuid, Permission.VIEW);
        UUID team = access.teamOfJob(current);
        Target on = visibleTarget(p, target);
        audited.run(p, "job.update", UserActions.jobObject(current, team), () -> {
            p.require(Permission.EDIT_CONFIG, team, "job", current.name());
            if (!on.uuid().equals(current.target())) {
                p.require(Permission.EDIT_CONFIG, on.team(), "target", on.name());
            }
            cairn.catalog().jobs().update(build.apply(current));
        });
    }

    /** Deletes job {@code uuid}. */
    public void deleteJob(Principal p, UUID uuid) {
        onJob(p, uuid, "job.delete", () -> cairn.catalog().jobs().delete(uuid));
    }

    /** Pauses job {@code uuid} (its schedule stops starting it), or unpauses it. */
    public void pauseJob(Principal p, UUID uuid, boolean paused) {
        onJob(p, uuid, paused ? "job.pause" : "job.unpause", () -> cairn.catalog().jobs().setPaused(uuid, paused));
    }

    /** Sets the notes of archive {@code uuid}. */
    public void setNotes(Principal p, UUID uuid, String notes) {
        Archive archive = access.archive(p, uuid, Permission.VIEW);
        audited.run(p, "archive.update", AuditObject.of(archive), () -> {
            p.require(Permission.EDIT_CONFIG, archive.team(), "archive", archive.uuid());
            cairn.catalog().archives().setNotes(uuid, notes);
        });
    }

    /** Changes something all teams share ({@code kind} {@code uuid}, a store, schedule or retention policy) by {@code act}. */
    public void shared(Principal p, String action, String kind, UUID uuid, String name, Runnable act) {
        audited.run(p, action, new AuditObject(kind, uuid, name, null), () -> {
            p.require(Permission.MANAGE_SHARED);
            act.run();
        });
    }

    /** Like {@link #shared}, for a change that carries an endpoint (a store's). */
    public void sharedWithEndpoint(Principal p, String action, String kind, UUID uuid, String name, Runnable act) {
        audited.runWithEndpoint(p, action, new AuditObject(kind, uuid, name, null), () -> {
            p.require(Permission.MANAGE_SHARED);
            act.run();
        });
    }

    /**
     * Reads back into the catalog what store {@code store} holds that the catalog lost (recovered
     * targets belong to no team): an admin's, audited as {@code store.recover}.
     */
    public CatalogRecovery.Outcome recoverStore(Principal p, Store store) {
        return audited.run(p, "store.recover", new AuditObject("store", store.uuid(), store.name(), null), () -> {
            p.require(Permission.MANAGE_SHARED);
            return cairn.recovery().recover(store.uuid());
        });
    }

    private void onJob(Principal p, UUID uuid, String action, Runnable act) {
        Job job = access.job(p, uuid, Permission.VIEW);
        UUID team = access.teamOfJob(job);
        audited.run(p, action, UserActions.jobObject(job, team), () -> {
            p.require(Permission.EDIT_CONFIG, team, "job", job.name());
            act.run();
        });
    }

    /** Target {@code uuid} named by a job; one of another team reads as one that does not exist (a 400 naming it). */
    private Target visibleTarget(Principal p, UUID uuid) {
        Optional<Target> target = uuid == null ? Optional.empty()
                : cairn.catalog().targets().find(uuid).filter(t -> p.sees(t.team()));
        return target.orElseThrow(() -> new CairnException.InvalidInput("target " + uuid + " does not exist"));
    }

    /**
     * The team {@code text} names, by uuid or name, among the teams {@code p} sees (an admin sees all);
     * "" is no team. Another team reads as one that does not exist.
     */
    private UUID named(Principal p, String text) {
        String wanted = text.strip();
        if (wanted.isEmpty()) {
            return null;
        }
        for (Map.Entry<UUID, String> team : p.teamNames().entrySet()) {
            if (p.sees(team.getKey()) && (team.getKey().toString().equalsIgnoreCase(wanted) || team.getValue().equals(wanted))) {
                return team.getKey();
            }
        }
        throw new CairnException.InvalidInput("team '" + Names.printable(wanted) + "' does not exist");
    }

    /**
     * The team of a new target whose request names none: none for an admin; a non-admin's one team
     * where they may edit the configuration (or their one team, where the check then refuses them).
     */
    private UUID defaultTeam(Principal p) {
        if (p.admin()) {
            return null;
        }
        List<UUID> editable = p.roles().entrySet().stream().filter(e -> e.getValue().allows(Permission.EDIT_CONFIG))
                .map(Map.Entry::getKey).toList();
        if (editable.size() == 1) {
            return editable.getFirst();
        }
        if (editable.isEmpty() && p.roles().size() <= 1) {
            return p.roles().keySet().stream().findFirst().orElse(null);
        }
        throw CairnException.InvalidInput.missing(List.of("team"));
    }

    /** Refuses to put a target in {@code team} unless {@code p} may edit its configuration; no team is an admin's. */
    private static void requireEditIn(Principal p, UUID team) {
        if (team != null) {
            p.requireIn(Permission.EDIT_CONFIG, team);
        } else if (!p.admin()) {
            throw new CairnException.Forbidden(Permission.EDIT_CONFIG.wire(), "permission '" + Permission.EDIT_CONFIG.wire()
                    + "' is needed in the target's team: a target of no team is an admin's, and " + p.name()
                    + " is not one; name a team (field team) where " + p.name() + " is operator");
        }
    }
}
