package dev.cairn.server.auth;

import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.Optional;
import javax.naming.AuthenticationException;
import javax.naming.Context;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;
import javax.naming.directory.SearchControls;
import javax.naming.directory.SearchResult;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Checks a user name and password against a directory with the JDK's JNDI: a simple bind as the
 * user's DN (from the template, or found by a search), then the groups the user is a member of.
 * An empty password is refused before anything is sent, since a directory takes a bind with no
 * password as anonymous. The name goes into a DN escaped as RFC 4514 says and into a filter as RFC
 * 4515 says, so it cannot change which entry is bound or searched.
 */
final class LdapDirectory {
    private final AuthSettings.LdapSettings settings;

    LdapDirectory(AuthSettings.LdapSettings settings) {
        this.settings = settings;
    }

    /** A directory user who proved their password: their DN, display name and groups (as DNs). */
    record Entry(String dn, String displayName, List<LdapName> groups) {
    }

    /** The directory could not be asked (down, refused, timed out, misconfigured); the message holds no secret. */
    static final class Unavailable extends Exception {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The entry of {@code name} when {@code password} is theirs; empty when it is not, or when no
     * (or more than one) entry has that name.
     */
    Optional<Entry> authenticate(String name, String password) throws Unavailable {
        if (name == null || name.isEmpty() || password == null || password.isEmpty()) {
            return Optional.empty();
        }
        DirContext service = null;
        DirContext user = null;
        try {
            String dn;
            if (settings.bindDnTemplate() != null) {
                dn = settings.bindDnTemplate().replace("{user}", Rdn.escapeValue(name));
            } else {
                service = connect(settings.serviceDn(), settings.servicePassword());
                Optional<String> found = findUser(service, name);
                if (found.isEmpty()) {
                    return Optional.empty();
                }
                dn = found.get();
            }
            try {
                user = connect(dn, password);
            } catch (AuthenticationException e) {
                return Optional.empty();
            }
            DirContext reader = service != null && settings.serviceDn() != null ? service : user;
            return Optional.of(new Entry(dn, displayName(reader, dn), groups(reader, name, dn)));
        } catch (AuthenticationException e) {
            throw new Unavailable("the directory refused the service bind as " + settings.serviceDn()
                    + " (check ldap.bind_dn and its password)", e);
        } catch (NamingException e) {
            throw new Unavailable(describe(e), e);
        } finally {
            close(user);
            close(service);
        }
    }

    private Optional<String> findUser(DirContext service, String name) throws NamingException {
        SearchControls controls = controls(new String[0]);
        controls.setCountLimit(2);
        List<String> found = new ArrayList<>();
        NamingEnumeration<SearchResult> results = service.search(settings.userBase(),
                settings.userFilter().replace("{user}", filterValue(name)), controls);
        try {
            while (results.hasMore()) {
                found.add(results.next().getNameInNamespace());
            }
        } catch (javax.naming.SizeLimitExceededException e) {
            return Optional.empty();
        } finally {
            results.close();
        }
        return found.size() == 1 ? Optional.of(found.getFirst()) : Optional.empty();
    }

    private String displayName(DirContext reader, String dn) {
        try {
            Attributes attributes = reader.getAttributes(new LdapName(dn), new String[] {settings.displayNameAttribute()});
            Attribute value = attributes.get(settings.displayNameAttribute());
            return value == null || value.get() == null ? "" : value.get().toString();
        } catch (NamingException e) {
            return "";
        }
    }

    private List<LdapName> groups(DirContext reader, String name, String dn) throws NamingException {
        if (settings.groupBase() == null) {
            return List.of();
        }
        String filter = settings.groupFilter().replace("{dn}", filterValue(dn)).replace("{user}", filterValue(name));
        List<LdapName> groups = new ArrayList<>();
        NamingEnumeration<SearchResult> results = reader.search(settings.groupBase(), filter, controls(new String[] {"cn"}));
        try {
            while (results.hasMore()) {
                groups.add(new LdapName(results.next().getNameInNamespace()));
            }
        } finally {
            results.close();
        }
        return groups;
    }

    private SearchControls controls(String[] attributes) {
        SearchControls controls = new SearchControls();
        controls.setSearchScope(SearchControls.SUBTREE_SCOPE);
        controls.setReturningAttributes(attributes);
        controls.setTimeLimit((int) settings.timeout().toMillis());
        return controls;
    }

    private DirContext connect(String dn, String password) throws NamingException {
        Hashtable<String, Object> env = new Hashtable<>();
        env.put(Context.INITIAL_CONTEXT_FACTORY, "com.sun.jndi.ldap.LdapCtxFactory");
        env.put(Context.PROVIDER_URL, settings.url());
        env.put(Context.REFERRAL, "ignore");
        env.put("com.sun.jndi.ldap.connect.timeout", String.valueOf(settings.timeout().toMillis()));
        env.put("com.sun.jndi.ldap.read.timeout", String.valueOf(settings.timeout().toMillis()));
        if (dn == null) {
            env.put(Context.SECURITY_AUTHENTICATION, "none");
        } else {
            if (password == null || password.isEmpty()) {
                // an empty password is an anonymous bind to most directories: never send one
                throw new AuthenticationException("empty password");
            }
            env.put(Context.SECURITY_AUTHENTICATION, "simple");
            env.put(Context.SECURITY_PRINCIPAL, dn);
            env.put(Context.SECURITY_CREDENTIALS, password);
        }
        return new InitialDirContext(env);
    }

    /** {@code value} escaped for an LDAP filter (RFC 4515): {@code * ( ) \ NUL} and non-ASCII bytes as {@code \xx}. */
    static String filterValue(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c == '*' || c == '(' || c == ')' || c == '\\' || c == 0 || c > 0x7e) {
                out.append('\\').append(String.format("%02x", c));
            } else {
                out.append((char) c);
            }
        }
        return out.toString();
    }

    private String describe(NamingException e) {
        String why = e instanceof javax.naming.CommunicationException || e instanceof javax.naming.ServiceUnavailableException
                ? "cannot reach the directory at " + settings.url() : "the directory at " + settings.url() + " failed";
        Throwable cause = e.getRootCause() != null ? e.getRootCause() : e;
        return why + ": " + cause.getClass().getSimpleName() + (e.getExplanation() == null ? "" : " " + e.getExplanation());
    }

    private static void close(DirContext context) {
        if (context != null) {
            try {
                context.close();
            } catch (NamingException e) {
                // nothing to do about a connection that fails to close
            }
        }
    }
}
