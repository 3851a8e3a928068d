package dev.cairn.server.api;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditFilter;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.access.Team;
import dev.cairn.core.access.User;
import dev.cairn.core.catalog.Paged;
import dev.cairn.core.catalog.TeamScope;
import dev.cairn.server.auth.Principals;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code GET /v1/audit}: the audit log, newest first, one page at a time with the total in
 * {@code X-Total-Count}. An admin reads every row; anyone else the rows of the teams where they may
 * view-audit, and their own. There is no route that changes or deletes a row.
 */
final class AuditRoutes {
    static final String TOTAL = "X-Total-Count";
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1000;
    private final Cairn cairn;

    AuditRoutes(Cairn cairn) {
        this.cairn = cairn;
    }

    void register(Routes routes) {
        routes.get("/v1/audit", ctx -> {
            Principal p = Principals.of(ctx);
            int limit = Math.min(ListLimit.of(ctx, DEFAULT_LIMIT).value(), MAX_LIMIT);
            int offset = offset(ctx.queryParam("offset"));
            Optional<AuditFilter> filter = filter(p, ctx);
            Paged<AuditEntry> page = filter.isEmpty() ? new Paged<>(List.of(), offset, 0)
                    : p.admin() ? cairn.access().audit().page(filter.get(), TeamScope.ALL, null, offset, limit)
                    : cairn.access().audit().page(filter.get(), auditable(p), p.user().uuid(), offset, limit);
            ctx.header(TOTAL, String.valueOf(page.total()));
            Json.ok(ctx, Views.all(page.items(), AuditRoutes::entry));
        });
    }

    /** The teams whose rows {@code p} may read: those where they may view-audit. */
    private static TeamScope auditable(Principal p) {
        Set<UUID> teams = p.roles().keySet().stream().filter(team -> p.may(Permission.VIEW_AUDIT, team))
                .collect(Collectors.toSet());
        return TeamScope.of(teams);
    }

    /**
     * The query's filters; empty when they name a user nobody has (no row can match: a deleted user's
     * rows are still found by their uuid). A team the principal cannot see is a 404, as elsewhere.
     */
    private Optional<AuditFilter> filter(Principal p, Context ctx) {
        String userText = Ids.queryText(ctx, "user");
        UUID user = null;
        if (userText != null) {
            if (UserRoutes.CANONICAL_UUID.matcher(userText.strip()).matches()) {
                user = cairn.access().users().findByName(userText.strip()).map(User::uuid)
                        .orElse(UUID.fromString(userText.strip()));
            } else {
                Optional<User> named = cairn.access().users().findByName(userText.strip());
                if (named.isEmpty()) {
                    return Optional.empty();
                }
                user = named.get().uuid();
            }
        }
        String teamText = Ids.queryText(ctx, "team");
        UUID team = teamText == null ? null : team(p, teamText.strip());
        String action = Ids.queryText(ctx, "action");
        return Optional.of(new AuditFilter(user, team, action == null ? null : action.strip(), Ids.query(ctx, "object"),
                ClientTimes.parse("after", ctx.queryParam("after")), ClientTimes.parse("before", ctx.queryParam("before"))));
    }

    /** The team {@code given} names by uuid or name, when {@code p} may see it; an admin may name a deleted team's uuid. */
    private UUID team(Principal p, String given) {
        var teams = cairn.access().teams();
        boolean uuidShaped = UserRoutes.CANONICAL_UUID.matcher(given).matches();
        Optional<UUID> found = teams.findByName(given).map(Team::uuid)
                .or(() -> uuidShaped ? Optional.of(UUID.fromString(given)) : Optional.empty());
        if (found.isEmpty() || !p.admin() && !p.roles().containsKey(found.get())) {
            throw new CairnException.NotFound("team", dev.cairn.core.catalog.Names.printable(given));
        }
        return found.get();
    }

    private static int offset(String text) {
        if (text == null || text.isEmpty()) {
            return 0;
        }
        try {
            int offset = Integer.parseInt(text.strip());
            if (offset >= 0) {
                return offset;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CairnException.InvalidInput("offset must be a whole number of at least 0, got " + text);
    }

    static Map<String, Object> entry(AuditEntry e) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("uuid", e.uuid().toString());
        v.put("at", Times.format(e.at()));
        v.put("user", e.userName());
        v.put("user_uuid", text(e.user()));
        v.put("address", e.address());
        v.put("action", e.action());
        v.put("object_kind", e.objectKind());
        v.put("object", text(e.objectUuid()));
        v.put("object_name", e.objectName());
        v.put("team", text(e.team()));
        v.put("outcome", e.outcome().wire());
        v.put("detail", e.detail());
        return v;
    }

    private static String text(UUID uuid) {
        return uuid == null ? "" : uuid.toString();
    }
}
