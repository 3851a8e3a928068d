package dev.cairn.server.auth;

import dev.cairn.core.Cairn;
import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.Principal;
import dev.cairn.core.access.User;
import dev.cairn.core.access.Users;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a request's credentials into the {@link Principal} every check is made against, however they
 * came: {@code Authorization: Bearer TOKEN}, SHIELD's {@code X-Shield-Token: TOKEN}, HTTP Basic with
 * a user name and a password or one of the user's tokens ({@code curl -u fred:…}), a user name and
 * password checked against the configured directory ({@code [ldap]}), or the trusted proxy's
 * header ({@code [auth.proxy]}) from one of its addresses. Failed attempts are counted per address
 * and per user name by the {@link SignInThrottle}; none of the answers says whether a user exists.
 */
public final class Authenticator {
    private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
    /** At most one warning a minute about proxy headers from addresses that are not trusted. */
    private static final Duration WARN_EVERY = Duration.ofMinutes(1);
    private static final String PROXY_SOURCE = "proxy";
    private final Access access;
    private final SignInThrottle throttle;
    private final AuthSettings.ProxySettings proxy;
    private final LdapDirectory directory;
    private final DirectoryUsers directoryUsers;
    private final Clock clock;
    private final AtomicReference<Instant> lastProxyWarning = new AtomicReference<>(Instant.MIN);
    private final AtomicLong proxyIgnored = new AtomicLong();

    /** Local users and tokens only, failures counted by {@code throttle}. */
    public Authenticator(Access access, SignInThrottle throttle) {
        this(access, throttle, AuthSettings.none(), Clock.systemUTC());
    }

    public Authenticator(Access access, SignInThrottle throttle, AuthSettings settings, Clock clock) {
        this.access = access;
        this.throttle = throttle;
        this.proxy = settings.proxy();
        this.directory = settings.ldap() == null ? null : new LdapDirectory(settings.ldap());
        this.directoryUsers = settings.ldap() == null ? null : new DirectoryUsers(access, settings.ldap(), clock);
        this.clock = clock;
    }

    /** The sign-in of {@code cairn} with {@code settings}, counting failures in its catalog. */
    public static Authenticator of(Cairn cairn, AuthSettings settings) {
        return new Authenticator(cairn.access(), SignInThrottle.over(cairn.access().signInFailures(), cairn.clock()),
                settings, cairn.clock());
    }

    /**
     * The credentials of one request, as its headers carry them, the address it came from and the
     * value of the configured proxy header (null when absent or not configured).
     */
    public record Credentials(String authorization, String shieldToken, String address, String proxyUser) {
        public Credentials(String authorization, String shieldToken, String address) {
            this(authorization, shieldToken, address, null);
        }
    }

    public SignInThrottle throttle() {
        return throttle;
    }

    /** The header the trusted proxy names the user in, or null when none is configured. */
    public String proxyHeader() {
        return proxy == null ? null : proxy.header();
    }

    /**
     * The principal of {@code c}, or {@link CairnException.Unauthorized} saying what to send. The
     * proxy header from a trusted address wins; from another address it is ignored (with a
     * warning) and the request is checked as if it were not there. A valid {@code X-Shield-Token}
     * wins over whatever else {@code Authorization} holds, since SHIELD's CLI sends both when its
     * config keeps an old value. An address (or, with Basic, a user name) that failed too often is
     * refused (429) whatever it sends now.
     */
    public Principal authenticate(Credentials c) {
        Optional<Principal> proxied = byProxy(c.proxyUser(), c.address());
        if (proxied.isPresent()) {
            return proxied.get();
        }
        throttle.refusal(c.address(), null).ifPresent(refusal -> {
            throw refusal.exception();
        });
        return check(c);
    }

    /**
     * The user the trusted proxy names in {@code headerValue}, when the request came from one of
     * its addresses; empty when there is no such header or it came from elsewhere (then a warning
     * is logged, at most once a minute). A user the directory of the proxy knows but Cairn does not
     * is created with source {@code proxy} and no teams: they see the shared things until an admin
     * puts them in a team, and the admin sees them in the users list.
     */
    public Optional<Principal> byProxy(String headerValue, String address) {
        if (proxy == null || headerValue == null || headerValue.isBlank()) {
            return Optional.empty();
        }
        if (!proxy.trusted().contains(address)) {
            warnUntrusted(address);
            return Optional.empty();
        }
        String name = headerValue.trim();
        try {
            Users.checkName(name);
        } catch (CairnException.InvalidInput e) {
            throw new CairnException.Unauthorized("the trusted proxy's " + proxy.header() + " is not a valid user name: "
                    + e.getMessage());
        }
        User user = access.users().findByName(name).orElseGet(() -> {
            User made = new User(UUID.randomUUID(), name, "", null, false, PROXY_SOURCE, clock.instant());
            try {
                access.users().insert(made);
                LOG.info("user '{}' created at their first sign-in through the trusted proxy at {}", name, address);
                return made;
            } catch (CairnException.Conflict e) {
                return access.users().findByName(name).orElseThrow(() -> e);
            }
        });
        return Optional.of(access.principal(user, address, "proxy"));
    }

    private void warnUntrusted(String address) {
        long ignored = proxyIgnored.incrementAndGet();
        Instant now = clock.instant();
        Instant last = lastProxyWarning.get();
        if (now.isBefore(last.plus(WARN_EVERY)) || !lastProxyWarning.compareAndSet(last, now)) {
            return;
        }
        proxyIgnored.set(0);
        LOG.warn("ignored the {} header from {}, which is not a trusted proxy (auth.proxy.trusted){}", proxy.header(),
                address, ignored > 1 ? "; " + (ignored - 1) + " more ignored since the last warning" : "");
    }

    private Principal check(Credentials c) {
        String shield = c.shieldToken() == null ? null : c.shieldToken().trim();
        if (shield != null && !shield.isEmpty()) {
            Optional<Principal> p = access.byToken(shield, c.address(), "token");
            if (p.isPresent()) {
                return p.get();
            }
        }
        String header = c.authorization();
        String value = header == null ? "" : header.trim();
        int space = value.indexOf(' ');
        String scheme = space > 0 ? value.substring(0, space) : value;
        String rest = space > 0 ? value.substring(space + 1).trim() : "";
        if (scheme.equalsIgnoreCase("Bearer") && !rest.isEmpty()) {
            return access.byToken(rest, c.address(), "token").orElseThrow(() -> refused(c, "", "token"));
        }
        if (scheme.equalsIgnoreCase("Basic") && !rest.isEmpty()) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(rest), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throttle.failed(c.address());
                throw new CairnException.Unauthorized("the Basic credentials are not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw refused(c, "", "basic");
            }
            String name = decoded.substring(0, colon);
            return signIn(name, decoded.substring(colon + 1), c.address(), "basic")
                    .orElseThrow(() -> new CairnException.Unauthorized("the user name and password (or token) are not valid"));
        }
        if (shield != null && !shield.isEmpty()) {
            throw refused(c, "", "token");
        }
        throw new CairnException.Unauthorized(missing(header, scheme));
    }

    /**
     * Signs {@code name} in with {@code secret}: their password or one of their tokens, else, when
     * a directory is configured and the name is not a local user, a bind to the directory (the
     * user is then brought up to date from it). Empty when nothing matches; the failure is
     * counted against the address and the name, and audited (never with the secret). Throws
     * {@link CairnException.TooManyAttempts} while the address or the name is refused.
     */
    public Optional<Principal> signIn(String name, String secret, String address, String via) {
        String given = name == null ? "" : name.trim();
        throttle.refusal(address, given).ifPresent(refusal -> {
            throw refusal.exception();
        });
        if (given.isEmpty() || secret == null || secret.isEmpty() || given.length() > 200) {
            if (!given.isEmpty() || secret != null && !secret.isEmpty()) {
                failed(given, address, via, "an empty or too long user name or password");
            }
            return Optional.empty();
        }
        Optional<Principal> local = access.byPassword(given, secret, address, via);
        if (local.isPresent()) {
            return local;
        }
        if (directory != null) {
            Attempt attempt = fromDirectory(given, secret, address, via);
            if (attempt.principal().isPresent() || attempt.unavailable()) {
                return attempt.principal();
            }
        }
        failed(given, address, via, "wrong or unknown credentials");
        return Optional.empty();
    }

    private record Attempt(Optional<Principal> principal, boolean unavailable) {
    }

    private Attempt fromDirectory(String given, String secret, String address, String via) {
        String name = given.toLowerCase(Locale.ROOT);
        try {
            Users.checkName(name);
        } catch (CairnException.InvalidInput e) {
            return new Attempt(Optional.empty(), false);
        }
        Optional<User> known = access.users().findByName(name);
        if (known.isPresent() && !DirectoryUsers.SOURCE.equals(known.get().source())) {
            // a local (or the bootstrap) user of that name is not the directory's to sign in
            return new Attempt(Optional.empty(), false);
        }
        Optional<LdapDirectory.Entry> entry;
        try {
            entry = directory.authenticate(name, secret);
        } catch (LdapDirectory.Unavailable e) {
            LOG.warn("sign-in of '{}' from {} through the directory failed: {}", name, address, e.getMessage());
            access.recordFailedSignIn(name, address, via, "the directory could not be reached");
            return new Attempt(Optional.empty(), true);
        }
        if (entry.isEmpty()) {
            return new Attempt(Optional.empty(), false);
        }
        User user = directoryUsers.synchronise(name, entry.get());
        return new Attempt(Optional.of(access.principal(user, address, via + "+ldap")), false);
    }

    private void failed(String name, String address, String via, String why) {
        throttle.failed(address, name);
        access.recordFailedSignIn(name, address, via, why);
    }

    /** Counts and audits a credential that matched nothing; the answer to send. */
    private CairnException.Unauthorized refused(Credentials c, String name, String via) {
        throttle.failed(c.address());
        access.recordFailedSignIn(name, c.address(), via, "wrong or unknown credentials");
        if (via.equals("basic")) {
            return new CairnException.Unauthorized("the user name and password (or token) are not valid");
        }
        String bearer = c.authorization() == null ? "" : c.authorization().trim();
        return new CairnException.Unauthorized(bearer.regionMatches(true, 0, "Bearer ", 0, 7)
                ? "the bearer token is not valid" : "the X-Shield-Token is not valid");
    }

    private static String missing(String header, String scheme) {
        if (header == null) {
            return "this endpoint needs credentials: send 'Authorization: Bearer <token>', 'X-Shield-Token: <token>'"
                    + " or a user name and password (curl -u USER:PASSWORD); the first admin's token is admin.token in"
                    + " the data directory";
        }
        return "the Authorization header must be 'Bearer <token>' or 'Basic <base64 of user:password>', got scheme '"
                + dev.cairn.core.catalog.Names.printable(scheme) + "'";
    }
}
