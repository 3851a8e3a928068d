package dev.cairn.server.auth;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The ways in beyond local users and tokens, from the server's config file: a directory
 * ({@code [ldap]}, null when not configured) and a trusted proxy header ({@code [auth.proxy]},
 * null when not configured). {@link #toString()} never shows the directory's password.
 */
public record AuthSettings(LdapSettings ldap, ProxySettings proxy) {
    private static final Set<String> AUTH_KEYS = Set.of("proxy");
    private static final Set<String> PROXY_KEYS = Set.of("header", "trusted");

    /** No directory, no proxy header: local users and tokens only. */
    public static AuthSettings none() {
        return new AuthSettings(null, null);
    }

    /**
     * Reads the {@code [ldap]} and {@code [auth]} tables (either may be null) of {@code file};
     * {@code environment} supplies {@code bind_password_env}.
     */
    public static AuthSettings from(Object ldap, Object auth, Map<String, String> environment, String file) {
        LdapSettings directory = ldap == null ? null : LdapSettings.from(table("ldap", ldap, file), environment, file);
        ProxySettings proxy = null;
        if (auth != null) {
            Map<String, Object> values = table("auth", auth, file);
            known("auth", values, AUTH_KEYS, file);
            if (values.get("proxy") != null) {
                Map<String, Object> p = table("auth.proxy", values.get("proxy"), file);
                known("auth.proxy", p, PROXY_KEYS, file);
                String header = text(p, "auth.proxy", "header", "X-Forwarded-User", file);
                Object trusted = p.get("trusted");
                if (!(trusted instanceof List<?> list) || list.isEmpty()) {
                    throw new CairnException.InvalidInput("auth.proxy.trusted in " + file
                            + " must list the proxies' addresses or CIDR ranges, e.g. [\"127.0.0.1\"]");
                }
                proxy = new ProxySettings(header, TrustedAddresses.parse(list.stream().map(String::valueOf).toList()));
            }
        }
        return new AuthSettings(directory, proxy);
    }

    /** The header that names the signed-in user, and the addresses it is believed from. */
    public record ProxySettings(String header, TrustedAddresses trusted) {
        public ProxySettings {
            if (header == null || !header.matches("[A-Za-z0-9-]+")) {
                throw new CairnException.InvalidInput("auth.proxy.header must be a header name, got '" + header + "'");
            }
        }
    }

    /**
     * A directory: bind as {@code bindDnTemplate} with {@code {user}} replaced, or find the user's
     * entry under {@code userBase} with {@code userFilter} (as {@code serviceDn}, or anonymously when
     * that is null) and bind as it; then read the groups under {@code groupBase} matching
     * {@code groupFilter} ({@code {dn}} the user's DN, {@code {user}} the name) and map them.
     */
    public record LdapSettings(String url, String bindDnTemplate, String userBase, String userFilter, String serviceDn,
                               String servicePassword, String groupBase, String groupFilter, String adminGroup,
                               String displayNameAttribute, List<GroupMapping> groups, Duration timeout) {
        private static final Set<String> KEYS = Set.of("url", "bind_dn_template", "user_base", "user_filter", "bind_dn",
                "bind_password", "bind_password_env", "group_base", "group_filter", "admin_group",
                "display_name_attribute", "groups", "timeout");
        private static final Set<String> GROUP_KEYS = Set.of("group", "team", "role");

        public LdapSettings {
            groups = List.copyOf(groups);
        }

        static LdapSettings from(Map<String, Object> v, Map<String, String> environment, String file) {
            known("ldap", v, KEYS, file);
            String url = text(v, "ldap", "url", null, file);
            if (url == null || !url.matches("ldaps?://[^/\\s]+/?")) {
                throw new CairnException.InvalidInput("ldap.url in " + file + " must be ldap://HOST:PORT or ldaps://HOST:PORT, got '"
                        + url + "'");
            }
            String template = text(v, "ldap", "bind_dn_template", null, file);
            String userBase = text(v, "ldap", "user_base", null, file);
            if ((template == null) == (userBase == null)) {
                throw new CairnException.InvalidInput("ldap in " + file
                        + " needs either bind_dn_template (e.g. \"uid={user},ou=people,dc=example,dc=org\") or user_base"
                        + " with user_filter, not both");
            }
            if (template != null && !template.contains("{user}")) {
                throw new CairnException.InvalidInput("ldap.bind_dn_template in " + file + " must contain {user}, got '"
                        + template + "'");
            }
            String password = text(v, "ldap", "bind_password", null, file);
            String passwordEnv = text(v, "ldap", "bind_password_env", null, file);
            if (password == null && passwordEnv != null) {
                password = environment.get(passwordEnv);
                if (password == null || password.isEmpty()) {
                    throw new CairnException.InvalidInput("ldap.bind_password_env in " + file + " names " + passwordEnv
                            + ", which is not set");
                }
            }
            String serviceDn = text(v, "ldap", "bind_dn", null, file);
            if (serviceDn != null && (password == null || password.isEmpty())) {
                throw new CairnException.InvalidInput("ldap.bind_dn in " + file + " needs bind_password or bind_password_env");
            }
            List<GroupMapping> groups = new ArrayList<>();
            Object listed = v.get("groups");
            if (listed != null) {
                if (!(listed instanceof List<?> items)) {
                    throw new CairnException.InvalidInput("ldap.groups in " + file + " must be [[ldap.groups]] tables");
                }
                for (Object item : items) {
                    Map<String, Object> g = table("ldap.groups", item, file);
                    known("ldap.groups", g, GROUP_KEYS, file);
                    String group = text(g, "ldap.groups", "group", null, file);
                    String team = text(g, "ldap.groups", "team", null, file);
                    String role = text(g, "ldap.groups", "role", null, file);
                    if (group == null || team == null || role == null) {
                        throw new CairnException.InvalidInput("each [[ldap.groups]] in " + file
                                + " needs group, team and role, got " + g.keySet());
                    }
                    DirectoryUsers.dn(group);
                    groups.add(new GroupMapping(group, team, Role.fromWire(role)));
                }
            }
            String adminGroup = text(v, "ldap", "admin_group", null, file);
            if (adminGroup != null) {
                DirectoryUsers.dn(adminGroup);
            }
            return new LdapSettings(url, template, userBase, text(v, "ldap", "user_filter", "(uid={user})", file),
                    serviceDn, password, text(v, "ldap", "group_base", null, file),
                    text(v, "ldap", "group_filter", "(member={dn})", file), adminGroup,
                    text(v, "ldap", "display_name_attribute", "cn", file), groups,
                    dev.cairn.server.Durations.parse("ldap.timeout", text(v, "ldap", "timeout", "5s", file)));
        }

        @Override
        public String toString() {
            return "LdapSettings[url=" + url + ", bindDnTemplate=" + bindDnTemplate + ", userBase=" + userBase
                    + ", userFilter=" + userFilter + ", serviceDn=" + serviceDn + ", servicePassword="
                    + (servicePassword == null ? "none" : "********") + ", groupBase=" + groupBase + ", groupFilter="
                    + groupFilter + ", adminGroup=" + adminGroup + ", groups=" + groups + "]";
        }
    }

    /** Members of directory group {@code group} (a DN) get {@code role} in team {@code team} (a name). */
    public record GroupMapping(String group, String team, Role role) {
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> table(String name, Object value, String file) {
        if (!(value instanceof Map<?, ?> map)) {
            throw new CairnException.InvalidInput("[" + name + "] in " + file + " must be a table");
        }
        return (Map<String, Object>) map;
    }

    private static void known(String table, Map<String, Object> values, Set<String> keys, String file) {
        for (String key : values.keySet()) {
            if (!keys.contains(key)) {
                throw new CairnException.InvalidInput("unknown setting '" + key + "' in [" + table + "] of " + file
                        + " (settings: " + String.join(", ", new TreeSet<>(keys)) + ")");
            }
        }
    }

    private static String text(Map<String, Object> values, String table, String key, String fallback, String file) {
        Object value = values.get(key);
        if (value == null) {
            return fallback;
        }
        if (!(value instanceof String s)) {
            throw new CairnException.InvalidInput(table + "." + key + " in " + file + " must be a string");
        }
        return s.isBlank() ? fallback : s;
    }
}
