package dev.cairn.server.service;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.sanitise.Preview;
import dev.cairn.core.sanitise.Report;
import dev.cairn.core.sanitise.RulesTrial;
import dev.cairn.core.sanitise.RulesVersion;
import java.util.List;
import java.util.UUID;

/**
 * A target's sanitising rules and variants as a person asks for them, the same for the API, the CLI
 * and the web UI, each checked and audited: reading rules needs {@code view}; saving, checking and
 * previewing them {@code edit-config} (a preview shows rows as they are, so it also needs
 * {@code download-full}); making a variant of an archive now {@code run-backup}.
 */
public final class RulesActions {
    private final Cairn cairn;
    private final Access access;
    private final Audited audited;

    public RulesActions(Cairn cairn) {
        this.cairn = cairn;
        this.access = cairn.access();
        this.audited = new Audited(access);
    }

    /** The latest version of {@code target}'s rules, or version {@code version} when it is not null. */
    public RulesVersion rules(Principal p, UUID target, Integer version) {
        Target t = access.target(p, target, Permission.VIEW);
        return (version == null ? cairn.rules().latest(t.uuid()) : cairn.rules().version(t.uuid(), version))
                .orElseThrow(() -> new CairnException.NotFound("rules", (version == null ? "" : "version " + version + " ")
                        + "of target " + t.name() + (version == null ? ": none are saved yet" : "")));
    }

    /** The version numbers of {@code target}'s rules, newest first. */
    public List<Integer> versions(Principal p, UUID target) {
        Target t = access.target(p, target, Permission.VIEW);
        return cairn.rules().versions(t.uuid()).stream().map(RulesVersion::version).toList();
    }

    /** Saves {@code document} as the next version of {@code target}'s rules, once it reads. */
    public RulesVersion save(Principal p, UUID target, String document) {
        Target t = access.target(p, target, Permission.VIEW);
        return audited.run(p, "rules.save", AuditObject.of(t), () -> {
            p.require(Permission.EDIT_CONFIG, t.team(), "target", t.name());
            return cairn.rules().save(t.uuid(), document == null ? "" : document, p.name());
        });
    }

    /** The strict report of {@code document} (null: the saved rules) on {@code target}'s latest archive. */
    public RulesTrial.Result<Report> check(Principal p, UUID target, String document) {
        Target t = access.target(p, target, Permission.VIEW);
        return audited.run(p, "rules.check", AuditObject.of(t), () -> {
            p.require(Permission.EDIT_CONFIG, t.team(), "target", t.name());
            return cairn.rulesTrial().check(t, document);
        });
    }

    /** {@code rows} rows of each table before and after {@code document} (null: the saved rules). */
    public RulesTrial.Result<Preview> preview(Principal p, UUID target, String document, int rows) {
        Target t = access.target(p, target, Permission.VIEW);
        return audited.run(p, "rules.preview", AuditObject.of(t), () -> {
            p.require(Permission.EDIT_CONFIG, t.team(), "target", t.name());
            p.require(Permission.DOWNLOAD_FULL, t.team(), "target", t.name());
            return cairn.rulesTrial().preview(t, document, rows);
        });
    }

    /** Queues a task that makes variant {@code variant} ("" or null: sanitised) of full archive {@code archive}. */
    public Task sanitise(Principal p, UUID archive, String variant) {
        Archive a = access.archive(p, archive, Permission.VIEW);
        return audited.run(p, "sanitise", AuditObject.of(a), () -> {
            p.require(Permission.RUN_BACKUP, a.team(), "archive", a.uuid());
            return cairn.requests().sanitise(a.uuid(), variant, p.name());
        });
    }
}
