package dev.cairn.core.instances;

import dev.cairn.core.CairnException;
import java.time.Duration;

/**
 * How a server runs instances.
 *
 * @param firstPort   the first port of the pool ({@code instance_ports = "55000-55999"})
 * @param lastPort    the last port of the pool
 * @param host        the address instances listen on and that clients are told to connect to
 * @param defaultTtl  how long an instance lives when its maker does not say
 * @param maximumTtl  the longest time to live a create or an extension may ask for
 * @param account     the operating-system account engines run as; "" for this process's own user
 *                    (a server running as root must name one: PostgreSQL and MariaDB refuse root)
 * @param sweepEvery  how often expired and idle instances are looked for
 * @param idleTimeout how long an instance may go without a client connected before it is destroyed
 *                    ({@code instance_idle}; zero: never for idleness, only when its time to live ends)
 */
public record InstanceSettings(int firstPort, int lastPort, String host, Duration defaultTtl, Duration maximumTtl,
                               String account, Duration sweepEvery, Duration idleTimeout) {
    public static final String DEFAULT_PORTS = "55000-55999";

    public InstanceSettings {
        if (firstPort < 1 || lastPort > 65535 || firstPort > lastPort) {
            throw new CairnException.InvalidInput("instance ports must be FIRST-LAST between 1 and 65535, got "
                    + firstPort + "-" + lastPort);
        }
        if (!defaultTtl.isPositive() || defaultTtl.compareTo(maximumTtl) > 0) {
            throw new CairnException.InvalidInput("the default instance time to live must be positive and at most the "
                    + "maximum (" + maximumTtl + "), got " + defaultTtl);
        }
        account = account == null ? "" : account;
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new CairnException.InvalidInput("instance_idle must be a duration (0 for none), got " + idleTimeout);
        }
    }

    /**
     * 55000-55999 on 127.0.0.1, 24 h (at most 7 days), engines as {@link EngineAccount#defaultName()}, swept
     * every minute, destroyed after 8 h without a client.
     */
    public static InstanceSettings defaults() {
        return new InstanceSettings(55000, 55999, "127.0.0.1", Duration.ofHours(24), Duration.ofDays(7),
                EngineAccount.defaultName(), Duration.ofMinutes(1), Duration.ofHours(8));
    }

    /** Reads a pool written {@code FIRST-LAST}, such as {@value #DEFAULT_PORTS}. */
    public InstanceSettings withPorts(String range) {
        String[] parts = range == null ? new String[0] : range.trim().split("\\s*-\\s*");
        try {
            if (parts.length == 2) {
                return new InstanceSettings(Integer.parseInt(parts[0]), Integer.parseInt(parts[1]), host, defaultTtl,
                        maximumTtl, account, sweepEvery, idleTimeout);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new CairnException.InvalidInput("instance_ports must be FIRST-LAST, such as " + DEFAULT_PORTS + ", got " + range);
    }

    public InstanceSettings withPorts(int first, int last) {
        return new InstanceSettings(first, last, host, defaultTtl, maximumTtl, account, sweepEvery, idleTimeout);
    }

    public InstanceSettings withHost(String address) {
        return new InstanceSettings(firstPort, lastPort, address, defaultTtl, maximumTtl, account, sweepEvery, idleTimeout);
    }

    public InstanceSettings withTtl(Duration defaultTime, Duration maximum) {
        return new InstanceSettings(firstPort, lastPort, host, defaultTime, maximum, account, sweepEvery, idleTimeout);
    }

    public InstanceSettings withAccount(String name) {
        return new InstanceSettings(firstPort, lastPort, host, defaultTtl, maximumTtl, name, sweepEvery, idleTimeout);
    }

    public InstanceSettings withSweepEvery(Duration every) {
        return new InstanceSettings(firstPort, lastPort, host, defaultTtl, maximumTtl, account, every, idleTimeout);
    }

    /** Instances with no client for {@code idle} are destroyed; zero for never. */
    public InstanceSettings withIdleTimeout(Duration idle) {
        return new InstanceSettings(firstPort, lastPort, host, defaultTtl, maximumTtl, account, sweepEvery, idle);
    }
}
