package dev.cairn.server.auth;

import dev.cairn.core.CairnException;
import dev.cairn.core.access.SignInFailures;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Failed sign-ins per client address and per user name: after {@code limit} failures within
 * {@code window}, the address (or the name) is refused (429) until a further {@code window} has
 * passed. Every credential check (the API's, the web login's) asks {@link #refusal} first and
 * reports each failure. The counts live in the catalog ({@link SignInFailures}), so every server on
 * one catalog refuses the same guesser, and the API and the web UI count together.
 *
 * <p>An address is keyed by itself (IPv4) or by its /64 (IPv6, where one host holds a whole
 * prefix); a user name by its lower case, whether or not such a user exists, so a refusal never
 * tells. Other addresses and names are never refused because of it. The table is bounded: beyond
 * {@code maxKeys}, ended entries go first, then the oldest. Time comes from the injected clock.
 */
public final class SignInThrottle {
    /** 10 failures within 5 minutes refuse an address or a name for 5 minutes; 10,000 keys kept at most. */
    public static final int LIMIT = 10;
    public static final Duration WINDOW = Duration.ofMinutes(5);
    static final int MAX_KEYS = 10_000;

    private final SignInFailures failures;
    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final int maxKeys;

    SignInThrottle(SignInFailures failures, Clock clock, int limit, Duration window, int maxKeys) {
        this.failures = failures;
        this.clock = clock;
        this.limit = limit;
        this.window = window;
        this.maxKeys = maxKeys;
    }

    /** A throttle over the catalog's {@code failures} with the default limit, window and bound. */
    public static SignInThrottle over(SignInFailures failures, Clock clock) {
        return new SignInThrottle(failures, clock, LIMIT, WINDOW, MAX_KEYS);
    }

    /** Why and for how long a sign-in is refused now. */
    public record Refusal(String why, Duration retryAfter) {
        public CairnException.TooManyAttempts exception() {
            return new CairnException.TooManyAttempts(why, retryAfter);
        }

        public long seconds() {
            return CairnException.TooManyAttempts.seconds(retryAfter);
        }
    }

    /** How long {@code address} must wait before it may try again, or empty when it may try now. */
    public Optional<Duration> retryAfter(String address) {
        return refusal(address, null).map(Refusal::retryAfter);
    }

    /**
     * Whether a sign-in from {@code address} as {@code user} (null or empty: no name given) is
     * refused now, the address checked first.
     */
    public Optional<Refusal> refusal(String address, String user) {
        Instant now = clock.instant();
        Optional<Refusal> byAddress = failures.refusedUntil(addressKey(address), now)
                .map(until -> new Refusal("too many failed sign-ins from this address", Duration.between(now, until)));
        if (byAddress.isPresent() || user == null || user.isEmpty()) {
            return byAddress;
        }
        return failures.refusedUntil(userKey(user), now)
                .map(until -> new Refusal("too many failed sign-ins for this user name", Duration.between(now, until)));
    }

    /** Counts a failed sign-in from {@code address}. */
    public void failed(String address) {
        failed(address, null);
    }

    /** Counts a failed sign-in from {@code address} as {@code user} (null or empty: no name given) against both. */
    public void failed(String address, String user) {
        Instant now = clock.instant();
        failures.failed(addressKey(address), now, limit, window);
        if (user != null && !user.isEmpty()) {
            failures.failed(userKey(user), now, limit, window);
        }
        failures.prune(now, window, maxKeys);
    }

    long size() {
        return failures.size();
    }

    private static String userKey(String user) {
        return "user:" + user.toLowerCase(Locale.ROOT);
    }

    static String addressKey(String address) {
        return "address:" + prefix(address);
    }

    private static String prefix(String address) {
        if (address == null || address.indexOf(':') < 0) {
            return String.valueOf(address);
        }
        try {
            byte[] bytes = InetAddress.getByName(address.replaceAll("^\\[|]$|%.*$", "")).getAddress();
            if (bytes.length != 16) {
                return address;
            }
            StringBuilder prefix = new StringBuilder();
            for (int i = 0; i < 8; i += 2) {
                prefix.append(String.format("%02x%02x:", bytes[i], bytes[i + 1]));
            }
            return prefix.append(":/64").toString();
        } catch (UnknownHostException e) {
            return address;
        }
    }
}
