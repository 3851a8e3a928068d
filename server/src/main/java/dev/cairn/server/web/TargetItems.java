package dev.cairn.server.web;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditObject;
import dev.cairn.core.access.Permission;
import dev.cairn.core.access.Principal;
import dev.cairn.core.access.Team;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Usage;
import dev.cairn.core.targets.ConnectionTest;
import dev.cairn.plugin.DownloadFormat;
import dev.cairn.plugin.PluginInfo;
import dev.cairn.server.service.CatalogInput;
import dev.cairn.server.service.UserActions;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Targets for the endpoint item pages: each belongs to a team (or to none, then only admins see it);
 * a user sees their teams' targets and changes those of the teams where they may edit-config.
 */
final class TargetItems implements EndpointItems<Target> {
    private static final ItemKind KIND = new ItemKind("target", "targets", "/targets",
            "A target is a data system to back up: a database, a directory, a queue.", true, false, true);
    private final Cairn cairn;
    private final Access access;
    private final CatalogInput input;
    private final UserActions actions;
    private final WebAudit audit;

    TargetItems(Cairn cairn) {
        this.cairn = cairn;
        this.access = cairn.access();
        this.input = new CatalogInput(cairn);
        this.actions = new UserActions(cairn);
        this.audit = new WebAudit(cairn.access());
    }

    @Override
    public ItemKind kind() {
        return KIND;
    }

    @Override
    public List<PluginInfo> plugins() {
        return cairn.plugins().all().stream().filter(PluginInfo::target).toList();
    }

    @Override
    public List<ItemRow> rows(Principal p) {
        return cairn.catalog().targets().list(null, Usage.ANY, p.scope()).stream().map(t -> row(p, t)).toList();
    }

    @Override
    public Target get(Principal p, UUID uuid) {
        return access.target(p, uuid, Permission.VIEW);
    }

    @Override
    public ItemRow row(Principal p, Target t) {
        boolean instances = cairn.instances().engines().find(t.plugin()).isPresent()
                && p.may(Permission.MANAGE_INSTANCES, t.team());
        return new ItemRow(t.uuid(), t.name(), t.summary(), t.plugin(), Endpoints.shown(cairn, t.plugin(), t.endpoint()),
                t.agent(), null, teamName(p, t.team()), p.may(Permission.EDIT_CONFIG, t.team()), download(p, t),
                instances && p.may(Permission.DOWNLOAD_FULL, t.team()),
                instances && p.may(Permission.DOWNLOAD_SANITISED, t.team()) && cairn.rules().latest(t.uuid()).isPresent());
    }

    /** The {@code /download/NAME} path of {@code t}'s latest archive, as SQL where it can be, or "" when {@code p} may not. */
    private String download(Principal p, Target t) {
        if (!p.may(Permission.DOWNLOAD_FULL, t.team())) {
            return "";
        }
        List<DownloadFormat> formats;
        try {
            formats = cairn.downloads().formats(t);
        } catch (CairnException e) {
            return ""; // its plugin is no longer loaded
        }
        // a stream that pipes into a database client where the plugin can make one
        boolean sqlOnRequest = !formats.getFirst().name().equals(DownloadFormat.SQL.name())
                && formats.stream().anyMatch(f -> f.name().equals(DownloadFormat.SQL.name()));
        return "/download/" + URLEncoder.encode(t.name(), StandardCharsets.UTF_8).replace("+", "%20")
                + (sqlOnRequest ? "?format=sql" : "");
    }

    @Override
    public String plugin(Target t) {
        return t.plugin();
    }

    @Override
    public Map<String, Object> endpoint(Target t) {
        return t.endpoint();
    }

    @Override
    public Permission editPermission() {
        return Permission.EDIT_CONFIG;
    }

    @Override
    public boolean mayCreate(Principal p) {
        return p.mayAnywhere(Permission.EDIT_CONFIG);
    }

    @Override
    public void requireEdit(Principal p, Target t) {
        p.require(Permission.EDIT_CONFIG, t.team(), "target", t.name());
    }

    /** The teams where {@code p} may edit-config, by name; an admin also gets "(no team)" first. */
    @Override
    public List<TeamChoice> teams(Principal p, Target current) {
        List<TeamChoice> choices = new ArrayList<>();
        if (p.admin()) {
            choices.add(new TeamChoice(null, "(no team)"));
            access.teams().list().forEach(t -> choices.add(new TeamChoice(t.uuid(), t.name())));
            return choices;
        }
        p.roles().keySet().stream().filter(team -> p.may(Permission.EDIT_CONFIG, team))
                .map(team -> new TeamChoice(team, p.teamNames().getOrDefault(team, team.toString())))
                .sorted(Comparator.comparing(TeamChoice::name)).forEach(choices::add);
        return choices;
    }

    @Override
    public void save(Principal p, UUID uuid, String name, String summary, String plugin, Map<String, Object> endpoint,
                     String agent, String teamText, Target current) {
        UUID team = team(p, teamText, current);
        AuditObject object = new AuditObject("target", uuid, name, team);
        audit.run(p, current == null ? "target.create" : "target.update", () -> {
            if (current != null) {
                requireEdit(p, current);
            }
            if (current == null || !Objects.equals(current.team(), team)) {
                // creating in a team, or moving a target there: edit-config there too
                if (team == null) {
                    p.require(Permission.EDIT_CONFIG, null, "target", name);
                } else {
                    p.requireIn(Permission.EDIT_CONFIG, team);
                }
            }
            return object;
        }, () -> {
            Target target = input.target(uuid, name, summary, plugin, endpoint, agent, current).ownedBy(team);
            if (current == null) {
                cairn.catalog().targets().insert(target);
            } else {
                cairn.catalog().targets().update(target);
            }
        });
    }

    /**
     * The team the form names: a team's uuid, or "" for none, which an admin may choose; a user who is
     * not an admin and may edit in exactly one team gets that one, else the team is missing.
     */
    private UUID team(Principal p, String text, Target current) {
        if (text == null || text.isEmpty()) {
            if (p.admin()) {
                return null;
            }
            List<TeamChoice> choices = teams(p, current);
            if (choices.size() == 1) {
                return choices.getFirst().uuid();
            }
            throw CairnException.InvalidInput.missing(List.of("team"));
        }
        UUID team;
        try {
            team = UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            team = access.teams().findByName(text).map(Team::uuid).orElseThrow(() ->
                    new CairnException.InvalidInput("team must be chosen from the list, got " + text));
        }
        if (!p.sees(team) && (current == null || !team.equals(current.team()))) {
            throw new CairnException.InvalidInput("team must be chosen from the list, got " + text);
        }
        return team;
    }

    @Override
    public ConnectionTest.Result test(Principal principal, String name, String plugin, Map<String, Object> endpoint,
                                      String agent, Target current) {
        return actions.testEndpoint(principal, name, plugin, endpoint, agent, current == null ? null : current.uuid());
    }

    @Override
    public void delete(Principal p, Target t) {
        audit.run(p, "target.delete", () -> {
            requireEdit(p, t);
            return AuditObject.of(t);
        }, () -> cairn.catalog().targets().delete(t.uuid()));
    }

    private String teamName(Principal p, UUID team) {
        return team == null ? "" : p.teamNames().getOrDefault(team, "");
    }
}
