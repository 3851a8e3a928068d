package dev.cairn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.cairn.core.access.Access;
import dev.cairn.core.access.AuditEntry;
import dev.cairn.core.access.AuditFilter;
import dev.cairn.core.access.Membership;
import dev.cairn.core.access.Role;
import dev.cairn.core.access.Team;
import dev.cairn.core.access.User;
import dev.cairn.core.catalog.TeamScope;
import dev.cairn.testing.Ports;
import dev.cairn.testing.SlapdServer;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.naming.Context;
import javax.naming.directory.BasicAttribute;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.ModificationItem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sign-in through a real directory (slapd started by {@link SlapdServer}): two users in two groups,
 * signed in with HTTP Basic on the API and with the web UI's login form; their teams and roles come
 * from the {@code [[ldap.groups]]} mapping, the admin flag from {@code admin_group}. Both ways to find
 * a user's entry are run: the DN template, and a search as a service account.
 */
@Timeout(120)
class LdapSignInTest {
    private static final String PEOPLE = "ou=people," + SlapdServer.SUFFIX;
    private static final String GROUPS = "ou=groups," + SlapdServer.SUFFIX;
    private static final String LDIF = """
            dn: %1$s
            objectClass: organizationalUnit
            ou: people

            dn: %2$s
            objectClass: organizationalUnit
            ou: groups

            dn: uid=alice,%1$s
            objectClass: inetOrgPerson
            uid: alice
            cn: Alice Archer
            sn: Archer
            userPassword: alice-pw-1

            dn: uid=bob,%1$s
            objectClass: inetOrgPerson
            uid: bob
            cn: Bob Baker
            sn: Baker
            userPassword: bob-pw-2

            dn: uid=carol,%1$s
            objectClass: inetOrgPerson
            uid: carol
            cn: Carol
            sn: C
            userPassword: carol-pw-3

            dn: cn=shop-devs,%2$s
            objectClass: groupOfNames
            cn: shop-devs
            member: uid=alice,%1$s
            member: uid=bob,%1$s
            member: uid=carol,%1$s

            dn: cn=billing-ops,%2$s
            objectClass: groupOfNames
            cn: billing-ops
            member: uid=bob,%1$s

            dn: cn=cairn-admins,%2$s
            objectClass: groupOfNames
            cn: cairn-admins
            member: uid=bob,%1$s
            """.formatted(PEOPLE, GROUPS);
    private static SlapdServer directory;
    @TempDir
    Path root;
    private AuthServer server;

    @BeforeAll
    static void startDirectory() {
        directory = SlapdServer.start(LDIF);
    }

    @AfterAll
    static void stopDirectory() {
        if (directory != null) {
            directory.close();
        }
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String config(String url, String find) {
        return """
                [ldap]
                url = "%s"
                %s
                group_base = "%s"
                group_filter = "(member={dn})"
                admin_group = "cn=Cairn-Admins, %s"

                [[ldap.groups]]
                group = "cn=shop-devs,%s"
                team = "shop"
                role = "developer"

                [[ldap.groups]]
                group = "cn=billing-ops,%s"
                team = "billing"
                role = "operator"
                """.formatted(url, find, GROUPS, GROUPS, GROUPS, GROUPS);
    }

    private static final String TEMPLATE = "bind_dn_template = \"uid={user}," + PEOPLE + "\"";
    private static final String SEARCH = "user_base = \"" + PEOPLE + "\"\nuser_filter = \"(&(objectClass=inetOrgPerson)(uid={user}))\"\n"
            + "bind_dn = \"cn=manager," + SlapdServer.SUFFIX + "\"\nbind_password_env = \"TEST_LDAP_PASSWORD\"";

    private void start(String find) {
        server = AuthServer.start(root, config(directory.url(), find), Map.of("TEST_LDAP_PASSWORD", directory.managerPassword()),
                Clock.systemUTC());
    }

    private Access access() {
        return server.cairn().access();
    }

    private Map<String, Role> teams(String user) {
        User u = access().users().findByName(user).orElseThrow();
        return access().teams().memberships(u.uuid()).stream().collect(Collectors.toMap(Membership::teamName, Membership::role));
    }

    @ParameterizedTest
    @ValueSource(strings = {"template", "search"})
    void bothUsersSignInThroughTheApiAndTheWebUiWithTeamsAndRolesFromTheirGroups(String how) {
        start(how.equals("template") ? TEMPLATE : SEARCH);

        assertThat(server.basic("/v1/targets", "alice", "alice-pw-1").statusCode()).as("alice on the API").isEqualTo(200);
        User alice = access().users().findByName("alice").orElseThrow();
        assertThat(alice.source()).isEqualTo("ldap");
        assertThat(alice.passwordHash()).as("the directory keeps the password").isNull();
        assertThat(alice.displayName()).isEqualTo("Alice Archer");
        assertThat(alice.admin()).isFalse();
        assertThat(teams("alice")).containsExactly(Map.entry("shop", Role.DEVELOPER));
        assertThat(access().teams().memberships(alice.uuid())).allSatisfy(m -> assertThat(m.source()).isEqualTo("ldap"));

        HttpResponse<String> login = server.login(Map.of("name", "bob", "password", "bob-pw-2", "next", "/jobs"));
        assertThat(login.statusCode()).as("bob in the web UI").isEqualTo(303);
        assertThat(login.headers().firstValue("Location")).hasValue("/jobs");
        assertThat(server.page("/jobs", AuthServer.cookie(login)).statusCode()).isEqualTo(200);
        User bob = access().users().findByName("bob").orElseThrow();
        assertThat(bob.admin()).as("a member of admin_group (its DN spelt another way in the config)").isTrue();
        assertThat(teams("bob")).containsOnly(Map.entry("shop", Role.DEVELOPER), Map.entry("billing", Role.OPERATOR));

        assertThat(server.login(Map.of("name", "alice", "password", "alice-pw-1")).statusCode()).isEqualTo(303);
        assertThat(server.basic("/v1/targets", "bob", "bob-pw-2").statusCode()).isEqualTo(200);
        assertThat(access().users().list().stream().filter(u -> u.source().equals("ldap")).map(User::name))
                .as("signing in again updates the same users").containsExactlyInAnyOrder("alice", "bob");

        List<AuditEntry> signIns = access().audit().page(new AuditFilter(null, null, "sign-in", null, null, null),
                TeamScope.ALL, null, 0, 100).items();
        assertThat(signIns).filteredOn(e -> e.outcome() == AuditEntry.Outcome.OK).extracting(AuditEntry::detail)
                .contains("web UI, with a password, through the directory");
    }

    @ParameterizedTest
    @ValueSource(strings = {"template", "search"})
    void aWrongOrEmptyPasswordOrAForgedNameIsRefused(String how) {
        start(how.equals("template") ? TEMPLATE : SEARCH);

        assertThat(server.basic("/v1/targets", "alice", "bob-pw-2").statusCode()).isEqualTo(401);
        assertThat(server.basic("/v1/targets", "alice", "").statusCode()).as("an anonymous bind is no sign-in").isEqualTo(401);
        assertThat(server.basic("/v1/targets", "*", "alice-pw-1").statusCode()).isEqualTo(401);
        assertThat(server.basic("/v1/targets", "alice)(uid=*", "alice-pw-1").statusCode()).isEqualTo(401);
        assertThat(server.basic("/v1/targets", "alice,ou=people", "alice-pw-1").statusCode()).isEqualTo(401);
        assertThat(server.basic("/v1/targets", "nobody", "alice-pw-1").statusCode()).isEqualTo(401);
        HttpResponse<String> web = server.login(Map.of("name", "bob", "password", "alice-pw-1"));
        assertThat(web.statusCode()).isEqualTo(401);
        assertThat(web.body()).contains("That user name and password are not valid.");
        assertThat(server.login(Map.of("name", "bob", "password", "")).statusCode()).isEqualTo(401);

        assertThat(access().users().list().stream().map(User::name)).doesNotContain("alice", "bob", "nobody");
        assertThat(access().audit().page(new AuditFilter(null, null, "sign-in", null, null, null), TeamScope.ALL, null, 0, 100)
                .items()).isNotEmpty().allSatisfy(e -> {
                    assertThat(e.outcome()).isEqualTo(AuditEntry.Outcome.DENIED);
                    assertThat(e.detail()).doesNotContain("alice-pw-1", "bob-pw-2");
                });
    }

    @Test
    void theDirectorysMembershipsAreReplacedAtEachSignInAndLocalOnesStay() throws Exception {
        start(TEMPLATE);
        assertThat(server.basic("/v1/targets", "carol", "carol-pw-3").statusCode()).isEqualTo(200);
        assertThat(teams("carol")).containsExactly(Map.entry("shop", Role.DEVELOPER));
        User carol = access().users().findByName("carol").orElseThrow();
        Team local = new Team(UUID.randomUUID(), "lab", "");
        access().teams().insert(local);
        access().teams().setMember(local.uuid(), carol.uuid(), Role.VIEWER, "local");

        modify("cn=shop-devs," + GROUPS, DirContext.REMOVE_ATTRIBUTE, "uid=carol," + PEOPLE);
        modify("cn=billing-ops," + GROUPS, DirContext.ADD_ATTRIBUTE, "uid=carol," + PEOPLE);
        assertThat(server.login(Map.of("name", "carol", "password", "carol-pw-3")).statusCode()).isEqualTo(303);

        assertThat(teams("carol")).containsOnly(Map.entry("billing", Role.OPERATOR), Map.entry("lab", Role.VIEWER));
    }

    @Test
    void aLocalUserOfTheSameNameIsNotTheDirectorysToSignIn() {
        start(TEMPLATE);
        access().users().insert(new User(UUID.randomUUID(), "alice", "", dev.cairn.core.access.PasswordHash.hash("local-pw"),
                false, "local", java.time.Instant.now()));

        assertThat(server.basic("/v1/targets", "alice", "alice-pw-1").statusCode()).isEqualTo(401);
        assertThat(server.basic("/v1/targets", "alice", "local-pw").statusCode()).isEqualTo(200);
        assertThat(access().users().findByName("alice").orElseThrow().source()).isEqualTo("local");
    }

    @Test
    void anUnreachableDirectoryRefusesTheSignInAndSaysWhyOnlyInTheLog() {
        server = AuthServer.start(root, config("ldap://127.0.0.1:" + Ports.free("127.0.0.1"), TEMPLATE), Map.of(),
                Clock.systemUTC());

        HttpResponse<String> api = server.basic("/v1/targets", "alice", "alice-pw-1");
        assertThat(api.statusCode()).isEqualTo(401);
        assertThat(api.body()).isEqualTo("{\"error\":\"the user name and password (or token) are not valid\"}");
        assertThat(server.login(Map.of("name", "alice", "password", "alice-pw-1")).statusCode()).isEqualTo(401);
        assertThat(server.logLines()).anySatisfy(line -> assertThat(line).startsWith("WARN sign-in of 'alice' from 127.0.0.1")
                .contains("cannot reach the directory at ldap://127.0.0.1:").doesNotContain("alice-pw-1"));
        assertThat(server.basic("/v1/targets", "admin", TOKEN_OF_ADMIN).statusCode()).as("local sign-in still works")
                .isEqualTo(200);
    }

    private static final String TOKEN_OF_ADMIN = AuthServer.TOKEN;

    private static void modify(String group, int operation, String member) throws Exception {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, directory.url());
        env.put(Context.SECURITY_AUTHENTICATION, "simple");
        env.put(Context.SECURITY_PRINCIPAL, directory.managerDn());
        env.put(Context.SECURITY_CREDENTIALS, directory.managerPassword());
        DirContext context = new InitialDirContext(env);
        try {
            context.modifyAttributes(group, new ModificationItem[] {new ModificationItem(operation, new BasicAttribute("member", member))});
        } finally {
            context.close();
        }
    }
}
