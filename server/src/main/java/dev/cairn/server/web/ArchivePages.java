package dev.cairn.server.web;

import dev.cairn.server.auth.Principals;
import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.ArchiveFilter;
import dev.cairn.core.catalog.JobFilter;
import dev.cairn.core.catalog.Paged;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import dev.cairn.core.catalog.Usage;
import dev.cairn.plugin.PluginException;
import dev.cairn.server.service.Statuses;
import dev.cairn.server.service.UserActions;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * Archives: filtered by target, store, job and date, each with its job, the task that made it and its notes;
 * verify, restore with a confirmation, delete; of the teams the signed-in user sees, each button shown
 * only to who may press it (and each post checked again by {@link UserActions}).
 */
final class ArchivePages {
    private final Cairn cairn;
    private final Pages pages;
    private final UserActions actions;
    private final ArchiveRows archiveRows;

    ArchivePages(Cairn cairn, Pages pages) {
        this.cairn = cairn;
        this.pages = pages;
        this.actions = new UserActions(cairn);
        this.archiveRows = new ArchiveRows(cairn);
    }

    void register(RoutesConfig routes) {
        routes.get("/archives", this::list);
        routes.post("/archives/{uuid}/verify", ctx -> {
            Task task = actions.verify(Principals.of(ctx), archive(ctx).uuid());
            Pages.done(ctx, "/tasks/" + task.uuid(), "Verify queued.");
        });
        routes.get("/archives/{uuid}/restore", ctx -> {
            Archive a = cairn.access().archive(Principals.of(ctx), Pages.uuid(ctx, "archive"), Permission.RESTORE);
            String chosen = ctx.queryParam("target");
            restorePage(ctx, 200, a, chosen == null || chosen.isEmpty() ? a.target() : parse(chosen), null);
        });
        routes.post("/archives/{uuid}/restore", this::restore);
        routes.get("/archives/{uuid}/delete", ctx -> confirmDelete(ctx, 200,
                cairn.access().archive(Principals.of(ctx), Pages.uuid(ctx, "archive"), Permission.MANAGE_TASKS), null));
        routes.post("/archives/{uuid}/delete", ctx -> {
            Archive a = archive(ctx);
            try {
                actions.deleteArchive(Principals.of(ctx), a.uuid());
            } catch (CairnException.Forbidden e) {
                throw e;
            } catch (CairnException | PluginException e) {
                confirmDelete(ctx, Statuses.of(e), a, e.getMessage());
                return;
            }
            Pages.done(ctx, "/archives", "Archive of " + Display.time(a.takenAt()) + " deleted.");
        });
    }

    private Archive archive(Context ctx) {
        return cairn.access().archive(Principals.of(ctx), Pages.uuid(ctx, "archive"), Permission.VIEW);
    }

    private void list(Context ctx) {
        var catalog = cairn.catalog();
        Principal p = Principals.of(ctx);
        ArchiveFilters filters = new ArchiveFilters(text(ctx, "target"), text(ctx, "store"), text(ctx, "job"), text(ctx, "after"),
                text(ctx, "before"), catalog.targets().list(null, Usage.ANY, p.scope()), catalog.stores().list(null, Usage.ANY),
                catalog.jobs().list(JobFilter.ALL, p.scope()));
        String error = null;
        List<ArchiveRow> rows = List.of();
        PageLinks links = null;
        try {
            ArchiveFilter filter = new ArchiveFilter(uuid("target", filters.target()), uuid("store", filters.store()),
                    day("after", filters.after(), 0), day("before", filters.before(), 1), false, uuid("job", filters.job()));
            int page = PageLinks.requested(ctx);
            Paged<Archive> shown = catalog.archives().page(filter, p.scope(), Paged.offsetOf(page, PageLinks.SIZE), PageLinks.SIZE);
            rows = archiveRows.of(shown.items());
            links = PageLinks.of(ctx, page, shown);
        } catch (CairnException.InvalidInput e) {
            error = e.getMessage();
        }
        pages.page(ctx, error == null ? 200 : 400, "archives.jte", "Archives", "archives",
                Pages.params("rows", rows, "filters", filters, "error", error, "links", links));
    }

    private void restorePage(Context ctx, int status, Archive a, UUID chosen, String error) {
        Principal p = Principals.of(ctx);
        // the targets it can go to: of its plugin, where the user may restore
        List<Target> targets = cairn.catalog().targets().list(a.plugin(), Usage.ANY, p.scope()).stream()
                .filter(t -> p.may(Permission.RESTORE, t.team())).toList();
        Target target = targets.stream().filter(t -> t.uuid().equals(chosen)).findFirst()
                .orElseThrow(() -> new CairnException.InvalidInput("target " + chosen + " is not a " + a.plugin()
                        + " target, so this archive cannot be restored into it"));
        pages.page(ctx, status, "restore.jte", "Restore archive", "archives", Pages.params("choice",
                new RestoreChoice(archiveRows.of(a), targets, target, Endpoints.shown(cairn, target.plugin(), target.endpoint()), error)));
    }

    private void restore(Context ctx) {
        Archive a = archive(ctx);
        Form form = Form.of(ctx);
        UUID target = form.optional("target") == null ? null : form.uuid("target");
        Task task;
        try {
            task = actions.restore(Principals.of(ctx), a.uuid(), target, "");
        } catch (CairnException e) {
            if (target == null || e instanceof CairnException.NotFound || e instanceof CairnException.Forbidden) {
                throw e;
            }
            restorePage(ctx, Statuses.of(e), a, target, e.getMessage());
            return;
        }
        Pages.done(ctx, "/tasks/" + task.uuid(), "Restore queued.");
    }

    private void confirmDelete(Context ctx, int status, Archive a, String error) {
        ArchiveRow row = archiveRows.of(a);
        pages.page(ctx, status, "confirm.jte", "Delete archive", "archives",
                Pages.params("question", "Delete the archive of '" + row.target() + "' taken " + Display.time(a.takenAt()) + "?",
                        "consequence", "Its object (" + Display.size(a.storedSize()) + ") is removed from store '"
                                + row.store() + "' now; it cannot be restored afterwards.",
                        "action", "/archives/" + a.uuid() + "/delete", "button", "Delete archive",
                        "back", "/archives", "error", error));
    }

    private static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? "" : value.trim();
    }

    private static UUID parse(String text) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new CairnException.InvalidInput("target must be chosen from the list, got " + text);
        }
    }

    private static UUID uuid(String field, String text) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new CairnException.InvalidInput(field + " must be chosen from the list, got " + text);
        }
    }

    /** The start of the day {@code text} names plus {@code days}, in UTC; null when empty. */
    private static Instant day(String field, String text, int days) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            return LocalDate.parse(text).plusDays(days).atStartOfDay(ZoneOffset.UTC).toInstant();
        } catch (DateTimeParseException e) {
            throw new CairnException.InvalidInput(field + " must be a date as YYYY-MM-DD, got " + text);
        }
    }
}
