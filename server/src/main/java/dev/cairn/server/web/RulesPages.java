package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.sanitise.Preview;
import dev.cairn.core.sanitise.Report;
import dev.cairn.core.sanitise.RulesTrial;
import dev.cairn.core.sanitise.RulesVersion;
import dev.cairn.server.auth.Principals;
import dev.cairn.server.service.RulesActions;
import dev.cairn.server.service.Statuses;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A target's sanitising rules page: the document (a version of it with {@code ?version=N}), edited
 * in a text area and saved as a new version, and checked (with a preview, for those who may see the
 * rows as they are) on the latest archive, through the same {@link RulesActions} as the API.
 */
final class RulesPages {
    private final Cairn cairn;
    private final Pages pages;
    private final RulesActions actions;

    RulesPages(Cairn cairn, Pages pages) {
        this.cairn = cairn;
        this.pages = pages;
        this.actions = new RulesActions(cairn);
    }

    void register(RoutesConfig routes) {
        routes.get("/targets/{uuid}/rules", ctx -> show(ctx, 200, null, null, null, null, null));
        routes.post("/targets/{uuid}/rules", this::post);
    }

    private void show(Context ctx, int status, String document, String error, Report report, Preview preview,
                      String archive) {
        Principal p = Principals.of(ctx);
        UUID uuid = Pages.uuid(ctx, "target");
        Target target = cairn.access().target(p, uuid, Permission.VIEW);
        Integer asked = null;
        String version = ctx.queryParam("version");
        if (version != null && version.matches("[0-9]{1,9}")) {
            asked = Integer.parseInt(version);
        }
        Optional<RulesVersion> shown;
        try {
            shown = Optional.of(actions.rules(p, uuid, asked));
        } catch (CairnException.NotFound e) {
            shown = Optional.empty();
        }
        List<Integer> versions = actions.versions(p, uuid);
        pages.page(ctx, status, "rules.jte", "Rules of " + target.name(), "targets", Pages.params("target", target,
                "version", shown.map(RulesVersion::version).orElse(0), "versions", versions,
                "document", document != null ? document : shown.map(RulesVersion::document).orElse(""),
                "editable", p.may(Permission.EDIT_CONFIG, target.team()),
                "previewable", p.may(Permission.DOWNLOAD_FULL, target.team()),
                "error", error, "report", report, "preview", preview, "archive", archive));
    }

    private void post(Context ctx) {
        Principal p = Principals.of(ctx);
        UUID uuid = Pages.uuid(ctx, "target");
        Form form = Form.of(ctx);
        String document = form.text("document");
        try {
            if (form.text("action").equals("check")) {
                Target target = cairn.access().target(p, uuid, Permission.VIEW);
                String tried = document.isBlank() ? null : document;
                if (p.may(Permission.DOWNLOAD_FULL, target.team())) {
                    RulesTrial.Result<Preview> result = actions.preview(p, uuid, tried, 3);
                    show(ctx, 200, document, null, result.value().report(), result.value(), result.archive().uuid().toString());
                } else {
                    RulesTrial.Result<Report> result = actions.check(p, uuid, tried);
                    show(ctx, 200, document, null, result.value(), null, result.archive().uuid().toString());
                }
                return;
            }
            RulesVersion saved = actions.save(p, uuid, document);
            Pages.done(ctx, "/targets/" + uuid + "/rules", "rules saved as version " + saved.version());
        } catch (CairnException e) {
            show(ctx, Statuses.of(e), document, e.getMessage(), null, null, null);
        }
    }
}
