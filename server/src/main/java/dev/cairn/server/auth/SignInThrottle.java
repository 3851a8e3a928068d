package dev.cairn.server.auth;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed sign-ins per client address: after {@code limit} failures within {@code window}, the
 * address is refused (429) until a further {@code window} has passed. Every credential check (the
 * API's tokens, the web login) asks {@link #retryAfter} first and reports each failure.
 *
 * <p>An address is keyed by itself (IPv4) or by its /64 (IPv6, where one host holds a whole
 * prefix). Other addresses are never refused because of it. Memory is bounded: beyond
 * {@code maxAddresses}, ended entries go first, then the oldest. Time comes from the injected clock.
 */
public final class SignInThrottle {
    /** 10 failures within 5 minutes refuse an address for 5 minutes; 10,000 addresses kept at most. */
    public static final int LIMIT = 10;
    public static final Duration WINDOW = Duration.ofMinutes(5);
    static final int MAX_ADDRESSES = 10_000;

    private final Clock clock;
    private final int limit;
    private final Duration window;
    private final int maxAddresses;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    SignInThrottle(Clock clock, int limit, Duration window, int maxAddresses) {
        this.clock = clock;
        this.limit = limit;
        this.window = window;
        this.maxAddresses = maxAddresses;
    }

    /** A throttle with the default limit, window and bound. */
    public static SignInThrottle over(Clock clock) {
        return new SignInThrottle(clock, LIMIT, WINDOW, MAX_ADDRESSES);
    }

    /** How long {@code address} must wait before it may try again, or empty when it may try now. */
    public Optional<Duration> retryAfter(String address) {
        if (failures.isEmpty()) {
            return Optional.empty();
        }
        Failures entry = failures.get(key(address));
        Instant now = clock.instant();
        if (entry == null || entry.refusedUntil == null || !now.isBefore(entry.refusedUntil)) {
            return Optional.empty();
        }
        return Optional.of(Duration.between(now, entry.refusedUntil));
    }

    /** Counts a failed sign-in from {@code address}. */
    public void failed(String address) {
        Instant now = clock.instant();
        String key = key(address);
        failures.compute(key, (k, entry) -> {
            if (entry == null || entry.over(now, window)) {
                entry = new Failures(now);
            }
            if (entry.refusedUntil == null && ++entry.count >= limit) {
                entry.refusedUntil = now.plus(window);
            }
            return entry;
        });
        if (failures.size() > maxAddresses) {
            evict(now);
        }
    }

    int size() {
        return failures.size();
    }

    private synchronized void evict(Instant now) {
        failures.values().removeIf(entry -> entry.over(now, window));
        while (failures.size() > maxAddresses) {
            failures.entrySet().stream().min((a, b) -> a.getValue().first.compareTo(b.getValue().first))
                    .ifPresent(oldest -> failures.remove(oldest.getKey(), oldest.getValue()));
        }
    }

    private static String key(String address) {
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

    /** One address's failures in its current window. */
    private static final class Failures {
        final Instant first;
        int count;
        Instant refusedUntil;

        Failures(Instant first) {
            this.first = first;
        }

        /** Whether this entry no longer counts: its window passed without a refusal, or its refusal ended. */
        boolean over(Instant now, Duration window) {
            return refusedUntil == null ? !now.isBefore(first.plus(window)) : !now.isBefore(refusedUntil);
        }
    }
}
