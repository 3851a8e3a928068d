package dev.cairn.server.auth;

import dev.cairn.core.CairnException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Addresses and CIDR ranges ({@code 127.0.0.1}, {@code 10.0.0.0/8}, {@code fd00::/8}) a request may come from. */
public final class TrustedAddresses {
    private final List<Range> ranges;

    private TrustedAddresses(List<Range> ranges) {
        this.ranges = ranges;
    }

    /** Parses literal addresses (never host names, which would need a lookup) with an optional /prefix. */
    public static TrustedAddresses parse(List<String> entries) {
        return new TrustedAddresses(entries.stream().map(TrustedAddresses::range).toList());
    }

    /** Whether {@code address} (as the server saw it, e.g. {@code 127.0.0.1} or {@code [::1]}) is in one of the ranges. */
    public boolean contains(String address) {
        byte[] bytes = literal(address);
        if (bytes == null) {
            return false;
        }
        for (Range r : ranges) {
            if (r.contains(bytes)) {
                return true;
            }
        }
        return false;
    }

    private static Range range(String entry) {
        String text = entry.trim();
        int slash = text.indexOf('/');
        byte[] bytes = literal(slash < 0 ? text : text.substring(0, slash));
        if (bytes == null) {
            throw new CairnException.InvalidInput("auth.proxy.trusted must hold IP addresses or CIDR ranges, got '" + entry + "'");
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new CairnException.InvalidInput("auth.proxy.trusted: the prefix length of '" + entry
                        + "' must be 0 to " + bytes.length * 8);
            }
        }
        return new Range(bytes, bits);
    }

    /** The bytes of a literal IPv4 or IPv6 address, or null when {@code text} is not one. */
    private static byte[] literal(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().replaceAll("^\\[|]$|%.*$", "");
        boolean v4 = t.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = t.contains(":") && t.matches("[0-9A-Fa-f:.]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            return InetAddress.getByName(t).getAddress();
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private record Range(byte[] network, int bits) {
        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            for (int i = 0; i < bits; i++) {
                int mask = 0x80 >>> (i % 8);
                if ((address[i / 8] & mask) != (network[i / 8] & mask)) {
                    return false;
                }
            }
            return true;
        }
    }
}
