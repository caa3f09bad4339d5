package dev.lightfast.server.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

/**
 * Where outbound webhooks may go: public addresses only, unless the operator allows the rest
 * ({@code LIGHTFAST_WEBHOOKS_ALLOW_PRIVATE=true}). A subscriber could otherwise make the server
 * call into its own network: loopback, private ranges, link-local (which holds the cloud metadata
 * service at 169.254.169.254), carrier-grade NAT (Alibaba's metadata at 100.100.100.200) and the
 * other special-purpose ranges. IPv6 addresses that carry an IPv4 one (mapped, compatible, NAT64,
 * 6to4) are judged by the IPv4 address inside.
 */
public final class AddressPolicy {
    private final boolean allowPrivate;

    private AddressPolicy(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    /** Public addresses only. */
    public static final AddressPolicy PUBLIC_ONLY = new AddressPolicy(false);

    /** Every address: for receivers on this machine or network, and for tests. */
    public static final AddressPolicy ANY = new AddressPolicy(true);

    public static AddressPolicy of(boolean allowPrivate) {
        return allowPrivate ? ANY : PUBLIC_ONLY;
    }

    public boolean allowsPrivate() {
        return allowPrivate;
    }

    /** Why webhooks may not go to this address, or empty when they may. */
    public Optional<String> refusal(InetAddress address) {
        if (allowPrivate) {
            return Optional.empty();
        }
        return Optional.ofNullable(reason(address));
    }

    private static String reason(InetAddress a) {
        if (a instanceof Inet6Address v6) {
            byte[] b = v6.getAddress();
            Inet4Address inside = embeddedIpv4(b);
            if (inside != null) {
                return reason(inside);
            }
            if (a.isLoopbackAddress()) {
                return "loopback";
            }
            if (a.isAnyLocalAddress()) {
                return "unspecified";
            }
            if (a.isLinkLocalAddress()) {
                return "link-local";
            }
            if (a.isSiteLocalAddress() || (b[0] & 0xfe) == 0xfc) {
                return "private (unique local)"; // fc00::/7 holds fd00:ec2::254, a metadata address
            }
            if (a.isMulticastAddress()) {
                return "multicast";
            }
            if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x01 && (b[2] & 0xff) == 0x0d && (b[3] & 0xff) == 0xb8) {
                return "documentation"; // 2001:db8::/32
            }
            return null;
        }
        byte[] b = a.getAddress();
        int o0 = b[0] & 0xff;
        int o1 = b[1] & 0xff;
        if (a.isLoopbackAddress()) {
            return "loopback";
        }
        if (o0 == 0) {
            return "unspecified (0.0.0.0/8)";
        }
        if (a.isLinkLocalAddress()) {
            return "link-local (where cloud metadata services answer)";
        }
        if (a.isSiteLocalAddress()) {
            return "private";
        }
        if (o0 == 100 && (o1 & 0xc0) == 64) {
            return "shared address space (100.64.0.0/10)";
        }
        if (o0 == 192 && o1 == 0 && (b[2] & 0xff) == 0) {
            return "special-purpose (192.0.0.0/24)";
        }
        if (o0 == 198 && (o1 == 18 || o1 == 19)) {
            return "benchmarking (198.18.0.0/15)";
        }
        if (a.isMulticastAddress()) {
            return "multicast";
        }
        if (o0 >= 240) {
            return "reserved";
        }
        return null;
    }

    /** The IPv4 address an IPv6 one stands for: mapped, compatible, NAT64 (64:ff9b::/96) or 6to4 (2002::/16). */
    private static Inet4Address embeddedIpv4(byte[] b) {
        boolean zeros80 = true;
        for (int i = 0; i < 10; i++) {
            zeros80 &= b[i] == 0;
        }
        byte[] v4 = null;
        if (zeros80 && (b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]}; // ::ffff:a.b.c.d
        } else if (zeros80
                && b[10] == 0
                && b[11] == 0
                && !(b[12] == 0 && b[13] == 0 && b[14] == 0 && (b[15] & 0xfe) == 0)) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]}; // ::a.b.c.d (not :: or ::1)
        } else if (b[0] == 0 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b) {
            v4 = new byte[] {b[12], b[13], b[14], b[15]};
        } else if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
            v4 = new byte[] {b[2], b[3], b[4], b[5]};
        }
        if (v4 == null) {
            return null;
        }
        try {
            return (Inet4Address) InetAddress.getByAddress(v4);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("four bytes are an IPv4 address", e);
        }
    }
}
