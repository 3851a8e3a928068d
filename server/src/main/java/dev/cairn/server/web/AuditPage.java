package dev.cairn.server.web;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditFilter;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.access.Team;
import dev.cairn.core.access.User;
import dev.cairn.core.catalog.Paged;
import dev.cairn.core.catalog.TeamScope;
import dev.cairn.server.auth.Principals;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The audit log, newest first and paged like the archives: an admin reads every row; anyone else
 * their own rows and those of the teams where they have view-audit. Filters: user name, action (or
 * its start with a dot, {@code target.}) and days.
 */
final class AuditPage {
    private final Access access;
    private final Pages pages;

    AuditPage(Access access, Pages pages) {
        this.access = access;
        this.pages = pages;
    }

    void register(RoutesConfig routes) {
        routes.get("/audit", this::list);
    }

    private void list(Context ctx) {
        Principal p = Principals.of(ctx);
        AuditFilters filters = new AuditFilters(text(ctx, "user"), text(ctx, "action"), text(ctx, "after"), text(ctx, "before"));
        Map<UUID, String> teams = access.teams().list().stream().collect(Collectors.toMap(Team::uuid, Team::name));
        String error = null;
        List<AuditEntry> rows = List.of();
        PageLinks links = null;
        try {
            UUID user = filters.user().isEmpty() ? null : access.users().findByName(filters.user()).map(User::uuid)
                    .orElseThrow(() -> new CairnException.InvalidInput("user '" + filters.user() + "' does not exist"));
            AuditFilter filter = new AuditFilter(user, null, filters.action().isEmpty() ? null : filters.action(), null,
                    day("after", filters.after(), 0), day("before", filters.before(), 1));
            int page = PageLinks.requested(ctx);
            Paged<AuditEntry> shown = p.admin()
                    ? access.audit().page(filter, TeamScope.ALL, null, Paged.offsetOf(page, PageLinks.SIZE), PageLinks.SIZE)
                    : access.audit().page(filter, auditable(p), p.user().uuid(), Paged.offsetOf(page, PageLinks.SIZE),
                    PageLinks.SIZE);
            rows = shown.items();
            links = PageLinks.of(ctx, page, shown);
        } catch (CairnException.InvalidInput e) {
            error = e.getMessage();
        }
        pages.page(ctx, error == null ? 200 : 400, "audit.jte", "Audit log", "audit", Pages.params("rows", rows,
                "filters", filters, "teams", teams, "error", error, "links", links, "everything", p.admin()));
    }

    /** The teams whose rows {@code p} may read: those where their role has view-audit. */
    private static TeamScope auditable(Principal p) {
        return TeamScope.of(p.roles().keySet().stream().filter(team -> p.may(Permission.VIEW_AUDIT, team))
                .collect(Collectors.toSet()));
    }

    private static String text(Context ctx, String name) {
        String value = ctx.queryParam(name);
        return value == null ? "" : value.trim();
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
