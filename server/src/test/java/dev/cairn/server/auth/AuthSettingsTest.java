package dev.cairn.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Role;
import dev.cairn.server.ServerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code [ldap]} and {@code [auth.proxy]} tables as {@code --config} reads them, and their mistakes named. */
class AuthSettingsTest {
    @TempDir
    Path root;

    private ServerConfig read(String toml, Map<String, String> environment) throws IOException {
        Path file = Files.writeString(root.resolve("cairn.toml"), toml);
        return ServerConfig.from(root.resolve("data"), null, null, file, false, environment);
    }

    @Test
    void aSearchingDirectoryWithItsPasswordFromTheEnvironmentNeverShowsThePassword() throws IOException {
        AuthSettings auth = read("""
                [ldap]
                url = "ldap://ldap.internal:389"
                user_base = "ou=people,dc=example,dc=org"
                bind_dn = "cn=cairn,dc=example,dc=org"
                bind_password_env = "LDAP_PW"
                group_base = "ou=groups,dc=example,dc=org"

                [[ldap.groups]]
                group = "cn=ops,ou=groups,dc=example,dc=org"
                team = "ops"
                role = "operator"
                """, Map.of("LDAP_PW", "s3cret-from-env")).auth();

        assertThat(auth.ldap().servicePassword()).isEqualTo("s3cret-from-env");
        assertThat(auth.ldap().userFilter()).isEqualTo("(uid={user})");
        assertThat(auth.ldap().groupFilter()).isEqualTo("(member={dn})");
        assertThat(auth.ldap().groups()).containsExactly(
                new AuthSettings.GroupMapping("cn=ops,ou=groups,dc=example,dc=org", "ops", Role.OPERATOR));
        assertThat(auth.toString()).doesNotContain("s3cret-from-env");
        assertThat(auth.proxy()).isNull();
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> read("[ldap]\nurl = \"ldap://h:389\"\n", Map.of()))
                .isInstanceOf(CairnException.InvalidInput.class).hasMessageContaining("bind_dn_template");
        assertThatThrownBy(() -> read("[ldap]\nurl = \"http://h\"\nbind_dn_template = \"uid={user}\"\n", Map.of()))
                .hasMessageContaining("ldap.url").hasMessageContaining("http://h");
        assertThatThrownBy(() -> read("[ldap]\nurl = \"ldap://h\"\nbind_dn_template = \"uid={user}\"\nbind_pw = \"x\"\n", Map.of()))
                .hasMessageContaining("unknown setting 'bind_pw' in [ldap]");
        assertThatThrownBy(() -> read("[ldap]\nurl = \"ldap://h\"\nuser_base = \"dc=x\"\nbind_dn = \"cn=a\"\n"
                + "bind_password_env = \"NOPE\"\n", Map.of())).hasMessageContaining("NOPE, which is not set");
        assertThatThrownBy(() -> read("[ldap]\nurl = \"ldap://h\"\nbind_dn_template = \"uid={user}\"\n"
                + "[[ldap.groups]]\ngroup = \"not a dn\"\nteam = \"t\"\nrole = \"viewer\"\n", Map.of()))
                .hasMessageContaining("'not a dn'");
        assertThatThrownBy(() -> read("[auth.proxy]\nheader = \"X-User\"\ntrusted = [\"proxy.internal\"]\n", Map.of()))
                .hasMessageContaining("'proxy.internal'");
        assertThatThrownBy(() -> read("[auth.proxy]\nheader = \"X-User\"\n", Map.of()))
                .hasMessageContaining("auth.proxy.trusted");
        assertThatThrownBy(() -> read("[auth.proxy]\ntrusted = [\"10.0.0.0/33\"]\n", Map.of()))
                .hasMessageContaining("0 to 32");
    }
}
