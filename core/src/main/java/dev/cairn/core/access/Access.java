package dev.cairn.core.access;

import dev.cairn.core.CairnException;
import dev.cairn.core.catalog.Archive;
import dev.cairn.core.catalog.Job;
import dev.cairn.core.catalog.Repositories;
import dev.cairn.core.catalog.Target;
import dev.cairn.core.catalog.Task;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;

/**
 * Who may do what, in one place: the people tables, how a credential becomes a {@link Principal},
 * the checks every front end (API, web UI, CLI through the API) runs before it acts on a team's
 * object, and the audit log they write to.
 *
 * <p>An object of another team is answered as not found; a visible one the principal may not act
 * on is refused naming the permission ({@link Principal#require}).
 */
public final class Access {
    /** The first admin, who holds the server's admin token. */
    public static final String FIRST_ADMIN = "admin";
    private final Users users;
    private final Teams teams;
    private final ApiTokens tokens;
    private final AuditLog audit;
    private final WebSessions sessions;
    private final SignInFailures failures;
    private final Repositories catalog;
    private final Clock clock;

    public Access(Jdbi jdbi, Repositories catalog, Clock clock) {
        this.users = new Users(jdbi);
        this.teams = new Teams(jdbi);
        this.tokens = new ApiTokens(jdbi, clock);
        this.audit = new AuditLog(jdbi, clock);
        this.sessions = new WebSessions(jdbi);
        this.failures = new SignInFailures(jdbi);
        this.catalog = catalog;
        this.clock = clock;
    }

    public Users users() {
        return users;
    }

    public Teams teams() {
        return teams;
    }

    public ApiTokens tokens() {
        return tokens;
    }

    public AuditLog audit() {
        return audit;
    }

    /** The web UI's sessions. */
    public WebSessions webSessions() {
        return sessions;
    }

    /** Failed sign-ins per address and user name, for the sign-in throttle. */
    public SignInFailures signInFailures() {
        return failures;
    }

    /**
     * Keeps the server's admin token working as the first admin's token: creates that admin
     * ({@value #FIRST_ADMIN}, or whoever was made first admin before) when there is none yet.
     */
    public User keepAdminToken(String secret) {
        User admin = users.list().stream().filter(u -> "bootstrap".equals(u.source())).findFirst()
                .orElseGet(() -> {
                    User first = new User(UUID.randomUUID(), FIRST_ADMIN, "Administrator", null, true, "bootstrap",
                            clock.instant());
                    try {
                        users.insert(first);
                        return first;
                    } catch (CairnException.Conflict e) {
                        // a second server on the same catalog made it first, or a user took the name
                        return users.findByName(FIRST_ADMIN).filter(User::admin).orElseThrow(() -> new CairnException.Conflict(
                                "user '" + FIRST_ADMIN + "' exists and is not an admin; the admin token needs its own admin"));
                    }
                });
        tokens.keepAdminToken(admin.uuid(), secret);
        return admin;
    }

    /** {@code user} as a principal: their memberships read now. */
    public Principal principal(User user, String address, String via) {
        Map<UUID, Role> roles = new HashMap<>();
        Map<UUID, String> names = new HashMap<>();
        for (Membership m : teams.memberships(user.uuid())) {
            roles.put(m.team(), m.role());
            names.put(m.team(), m.teamName());
        }
        if (user.admin()) {
            teams.list().forEach(t -> names.put(t.uuid(), t.name()));
        }
        return new Principal(user, roles, names, address, via);
    }

    /** The principal whose unexpired token is {@code secret}. */
    public Optional<Principal> byToken(String secret, String address, String via) {
        return tokens.find(secret).map(match -> principal(match.user(), address, via));
    }

    /**
     * The principal {@code name} when {@code secret} is their password or one of their tokens. An
     * unknown user costs the same time as a wrong password, so the answer does not tell them apart.
     */
    public Optional<Principal> byPassword(String name, String secret, String address, String via) {
        Optional<ApiTokens.Match> token = tokens.find(secret).filter(m -> m.user().name().equals(name));
        if (token.isPresent()) {
            return Optional.of(principal(token.get().user(), address, via + "+token"));
        }
        Optional<User> user = users.findByName(name);
        if (user.isEmpty() || user.get().passwordHash() == null) {
            PasswordHash.verifyNothing();
            return Optional.empty();
        }
        return PasswordHash.verify(secret, user.get().passwordHash())
                ? Optional.of(principal(user.get(), address, via)) : Optional.empty();
    }

    /** Target {@code uuid} when {@code p} may do {@code permission} to it. */
    public Target target(Principal p, UUID uuid, Permission permission) {
        Target target = catalog.targets().find(uuid).filter(t -> p.sees(t.team()))
                .orElseThrow(() -> new CairnException.NotFound("target", uuid));
        p.require(permission, target.team(), "target", target.name());
        return target;
    }

    /** Job {@code uuid} (of its target's team) when {@code p} may do {@code permission} to it. */
    public Job job(Principal p, UUID uuid, Permission permission) {
        Job job = catalog.jobs().find(uuid).orElseThrow(() -> new CairnException.NotFound("job", uuid));
        UUID team = catalog.targets().team(job.target()).orElse(null);
        if (!p.sees(team)) {
            throw new CairnException.NotFound("job", uuid);
        }
        p.require(permission, team, "job", job.name());
        return job;
    }

    /** The team that owns job {@code uuid}'s target (null: none). */
    public UUID teamOfJob(Job job) {
        return catalog.targets().team(job.target()).orElse(null);
    }

    /** Archive {@code uuid} when {@code p} may do {@code permission} to it. */
    public Archive archive(Principal p, UUID uuid, Permission permission) {
        Archive archive = catalog.archives().find(uuid).filter(a -> p.sees(a.team()))
                .orElseThrow(() -> new CairnException.NotFound("archive", uuid));
        p.require(permission, archive.team(), "archive", archive.uuid());
        return archive;
    }

    /** Task {@code uuid} when {@code p} may do {@code permission} to it. */
    public Task task(Principal p, UUID uuid, Permission permission) {
        Task task = catalog.tasks().find(uuid).filter(t -> p.sees(t.team()))
                .orElseThrow(() -> new CairnException.NotFound("task", uuid));
        p.require(permission, task.team(), "task", task.uuid());
        return task;
    }

    /** Team {@code uuid} when {@code p} may see it (an admin, or a member). */
    public Team team(Principal p, UUID uuid) {
        if (!p.admin() && !p.roles().containsKey(uuid)) {
            throw new CairnException.NotFound("team", uuid);
        }
        return teams.get(uuid);
    }

    /** Writes one audit row for what {@code p} did. */
    public void record(Principal p, String action, AuditObject object, AuditEntry.Outcome outcome, String detail) {
        audit.append(new AuditLog.Event(p == null ? null : p.user().uuid(), p == null ? "" : p.name(),
                p == null ? "" : p.address(), action, object.kind(), object.uuid(), object.name(), object.team(), outcome,
                detail));
    }

    /** Writes one audit row for a sign-in that found nobody: the name as given, never the secret. */
    public void recordFailedSignIn(String givenName, String address, String via, String detail) {
        audit.append(new AuditLog.Event(null, givenName == null ? "" : givenName, address, "sign-in", "user", null,
                givenName == null ? "" : givenName, null, AuditEntry.Outcome.DENIED, via + ": " + detail));
    }
}
