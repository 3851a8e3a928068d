package dev.cairn.core.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The permission table, row by row: what each role allows in its own team, and nothing anywhere else. */
class RoleTableTest {
    private static final UUID TEAM = UUID.randomUUID();
    private static final UUID OTHER = UUID.randomUUID();

    /** The table as the issue states it, written out a second time on purpose. */
    private static final Map<Role, Set<Permission>> EXPECTED = Map.of(
            Role.VIEWER, EnumSet.of(Permission.VIEW),
            Role.DEVELOPER, EnumSet.of(Permission.VIEW, Permission.RUN_BACKUP, Permission.VERIFY_ARCHIVE,
                    Permission.DOWNLOAD_SANITISED, Permission.MANAGE_INSTANCES),
            Role.OPERATOR, EnumSet.of(Permission.VIEW, Permission.RUN_BACKUP, Permission.VERIFY_ARCHIVE,
                    Permission.DOWNLOAD_SANITISED, Permission.MANAGE_INSTANCES, Permission.RESTORE,
                    Permission.DOWNLOAD_FULL, Permission.EDIT_CONFIG, Permission.MANAGE_TASKS, Permission.VIEW_AUDIT));

    @ParameterizedTest
    @EnumSource(Role.class)
    void eachRoleAllowsExactlyItsRowInItsOwnTeamAndNothingInAnother(Role role) {
        Principal member = principal(false, Map.of(TEAM, role));
        for (Permission permission : Permission.values()) {
            boolean allowed = EXPECTED.get(role).contains(permission);
            assertThat(member.may(permission, TEAM)).as("%s may %s", role, permission).isEqualTo(allowed);
            assertThat(member.may(permission, OTHER)).as("%s may %s in another team", role, permission).isFalse();
            assertThat(member.may(permission, null)).as("%s may %s on what no team owns", role, permission).isFalse();
            if (allowed) {
                member.require(permission, TEAM, "target", "db");
            } else {
                assertThatThrownBy(() -> member.require(permission, TEAM, "target", "db"))
                        .isInstanceOf(CairnException.Forbidden.class)
                        .hasMessageContaining("permission '" + permission.wire() + "'")
                        .hasMessageContaining("is " + role.wire() + " of its team 'shop'");
            }
            assertThatThrownBy(() -> member.require(permission, OTHER, "target", "theirs"))
                    .as("another team's object is not found").isInstanceOf(CairnException.NotFound.class)
                    .hasMessage("no target theirs");
        }
        assertThat(member.sees(TEAM)).isTrue();
        assertThat(member.sees(OTHER)).isFalse();
        assertThat(member.scope().includes(TEAM)).isTrue();
        assertThat(member.scope().includes(OTHER)).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Permission.class)
    void anAdminMayEverythingAndOnlyAnAdminMayTheGlobalPermissions(Permission permission) {
        Principal admin = principal(true, Map.of());
        assertThat(admin.may(permission, TEAM)).isTrue();
        assertThat(admin.may(permission, null)).isTrue();
        assertThat(admin.scope().all()).isTrue();
        if (!permission.teamScoped()) {
            Principal operator = principal(false, Map.of(TEAM, Role.OPERATOR));
            assertThat(operator.may(permission, TEAM)).isFalse();
            assertThatThrownBy(() -> operator.require(permission)).isInstanceOf(CairnException.Forbidden.class)
                    .hasMessageContaining("permission '" + permission.wire() + "' is needed");
            admin.require(permission);
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void rolesReadBackFromTheirWireNames(Role role) {
        assertThat(Role.fromWire(role.wire().toUpperCase())).isEqualTo(role);
    }

    @org.junit.jupiter.api.Test
    void anUnknownRoleIsRefusedNamingIt() {
        assertThatThrownBy(() -> Role.fromWire("owner")).isInstanceOf(CairnException.InvalidInput.class)
                .hasMessage("role must be viewer, developer or operator, got owner");
    }

    private static Principal principal(boolean admin, Map<UUID, Role> roles) {
        User user = new User(UUID.randomUUID(), "fred", "Fred", null, admin, User.LOCAL, Instant.EPOCH);
        return new Principal(user, roles, Map.of(TEAM, "shop", OTHER, "billing"), "127.0.0.1", "token");
    }
}
