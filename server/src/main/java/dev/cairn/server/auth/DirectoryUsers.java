package dev.cairn.server.auth;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.Role;
import dev.cairn.core.access.Team;
import dev.cairn.core.access.User;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;

/**
 * Brings a directory user into the users table at each sign-in: created (source {@code ldap}, no
 * password hash) or updated, their {@code ldap} memberships replaced from the group mapping (the
 * mapped teams are created when missing; a user in two groups for one team gets the higher role),
 * and the admin flag set from {@code admin_group} when one is configured. Memberships an admin gave
 * locally stay.
 */
final class DirectoryUsers {
    static final String SOURCE = "ldap";
    private final Access access;
    private final AuthSettings.LdapSettings settings;
    private final Clock clock;

    DirectoryUsers(Access access, AuthSettings.LdapSettings settings, Clock clock) {
        this.access = access;
        this.settings = settings;
        this.clock = clock;
    }

    /** The user {@code name} as the directory's {@code entry} says now. */
    User synchronise(String name, LdapDirectory.Entry entry) {
        Boolean admin = settings.adminGroup() == null ? null : entry.groups().contains(dn(settings.adminGroup()));
        User user = access.users().findByName(name).orElse(null);
        String display = entry.displayName().length() > 200 ? entry.displayName().substring(0, 200) : entry.displayName();
        if (user == null) {
            User made = new User(UUID.randomUUID(), name, display, null, Boolean.TRUE.equals(admin), SOURCE, clock.instant());
            try {
                access.users().insert(made);
                user = made;
            } catch (CairnException.Conflict e) {
                // another server signed them in at the same moment
                user = access.users().findByName(name).orElseThrow(() -> e);
            }
        }
        User updated = new User(user.uuid(), user.name(), display.isEmpty() ? user.displayName() : display, null,
                admin == null ? user.admin() : admin, SOURCE, user.createdAt());
        if (!updated.equals(user)) {
            access.users().update(updated);
        }
        access.teams().replaceMemberships(updated.uuid(), SOURCE, roles(entry));
        return updated;
    }

    private Map<UUID, Role> roles(LdapDirectory.Entry entry) {
        Map<UUID, Role> roles = new HashMap<>();
        for (AuthSettings.GroupMapping mapping : settings.groups()) {
            if (entry.groups().contains(dn(mapping.group()))) {
                UUID team = team(mapping.team());
                roles.merge(team, mapping.role(), (a, b) -> a.ordinal() >= b.ordinal() ? a : b);
            }
        }
        return roles;
    }

    private UUID team(String name) {
        Optional<Team> found = access.teams().findByName(name);
        if (found.isPresent()) {
            return found.get().uuid();
        }
        Team made = new Team(UUID.randomUUID(), name, "from the directory");
        try {
            access.teams().insert(made);
            return made.uuid();
        } catch (CairnException.Conflict e) {
            return access.teams().findByName(name).orElseThrow(() -> e).uuid();
        }
    }

    /** A configured DN, compared as the directory compares names (case and spacing aside). */
    static LdapName dn(String text) {
        try {
            return new LdapName(text);
        } catch (InvalidNameException e) {
            throw new CairnException.InvalidInput("'" + text + "' in [ldap] is not a valid DN: " + e.getMessage());
        }
    }
}
