package dev.cairn.server.auth;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.Access;
import dev.cairn.core.access.Principal;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * Turns a request's credentials into the {@link Principal} every check is made against, however they
 * came: {@code Authorization: Bearer TOKEN}, SHIELD's {@code X-Shield-Token: TOKEN}, or HTTP Basic with
 * a user name and a password or one of the user's tokens ({@code curl -u fred:…}). Failed attempts
 * are counted by the {@link SignInThrottle}; none of the answers says whether a user exists.
 */
public final class Authenticator {
    private final Access access;
    private final SignInThrottle throttle;

    public Authenticator(Access access, SignInThrottle throttle) {
        this.access = access;
        this.throttle = throttle;
    }

    /** The credentials of one request, as its headers carry them, and the address it came from. */
    public record Credentials(String authorization, String shieldToken, String address) {
        /** Whether the request carried any credential at all (a request with none guesses nothing). */
        boolean given() {
            String value = authorization == null ? "" : authorization.trim();
            return !value.isEmpty() && !value.equalsIgnoreCase("Bearer") || shieldToken != null && !shieldToken.isBlank();
        }
    }

    public SignInThrottle throttle() {
        return throttle;
    }

    /**
     * The principal of {@code c}, or {@link CairnException.Unauthorized} saying what to send. A valid
     * {@code X-Shield-Token} wins over whatever else {@code Authorization} holds, since SHIELD's CLI
     * sends both when its config keeps an old value. An address that failed too often is refused
     * (429) whatever it sends now.
     */
    public Principal authenticate(Credentials c) {
        throttle.retryAfter(c.address()).ifPresent(wait -> {
            throw new CairnException.TooManyAttempts(wait);
        });
        try {
            return check(c);
        } catch (CairnException.Unauthorized e) {
            if (c.given()) {
                throttle.failed(c.address());
            }
            throw e;
        }
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
                throw new CairnException.Unauthorized("the Basic credentials are not valid base64");
            }
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                throw refused(c, "", "basic");
            }
            String name = decoded.substring(0, colon);
            return signIn(name, decoded.substring(colon + 1), c.address(), "basic").orElseThrow(() -> refused(c, name, "basic"));
        }
        if (shield != null && !shield.isEmpty()) {
            throw refused(c, "", "token");
        }
        throw new CairnException.Unauthorized(missing(header, scheme));
    }

    /**
     * Signs {@code name} in with {@code secret}, a password or one of their tokens (the web UI's login
     * form and HTTP Basic); empty when they do not match, and the failure audited.
     */
    public Optional<Principal> signIn(String name, String secret, String address, String via) {
        if (name == null || name.isEmpty() || secret == null || secret.isEmpty() || name.length() > 200) {
            return Optional.empty();
        }
        return access.byPassword(name, secret, address, via);
    }

    private CairnException.Unauthorized refused(Credentials c, String name, String via) {
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
