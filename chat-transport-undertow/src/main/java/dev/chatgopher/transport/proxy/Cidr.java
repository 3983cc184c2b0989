package dev.chatgopher.transport.proxy;

import io.undertow.util.NetworkUtils;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/** A block of addresses written as {@code 10.0.0.0/8} or {@code fd00::/8}; a bare address is a block of one. */
record Cidr(byte[] network, int prefixLength) {

    /** Reads a block; anything else is refused in one sentence. */
    static Cidr parse(String text) {
        String trimmed = text.trim();
        int slash = trimmed.indexOf('/');
        InetAddress address = IpLiteral.parse(slash < 0 ? trimmed : trimmed.substring(0, slash));
        if (address == null) {
            throw new IllegalArgumentException("a trusted proxy must be an IP address or a CIDR block such as"
                    + " 10.0.0.0/8 or fd00::/8, got \"" + text + "\"");
        }
        byte[] bytes = address.getAddress(); // a fresh copy: masked in place below
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(trimmed.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException(
                        "the prefix length of \"" + text + "\" must be a number from 0 to " + bits);
            }
        }
        return new Cidr(masked(bytes, prefix), prefix);
    }

    boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress(); // a fresh copy, so masking it allocates nothing more
        return bytes.length == network.length && Arrays.equals(masked(bytes, prefixLength), network);
    }

    /** Clears the bits past the prefix, in place; returns {@code bytes}. */
    private static byte[] masked(byte[] bytes, int prefix) {
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xFF << (8 - keep));
        }
        return bytes;
    }

    /** Literal IP addresses only: a name is never looked up. */
    static final class IpLiteral {

        private IpLiteral() {}

        /** The address, or null when the text is not an IPv4 or IPv6 literal. */
        static InetAddress parse(String text) {
            String literal = text.trim();
            if (literal.startsWith("[") && literal.endsWith("]")) {
                literal = literal.substring(1, literal.length() - 1);
            }
            try {
                return literal.indexOf(':') >= 0
                        ? NetworkUtils.parseIpv6Address(literal)
                        : NetworkUtils.parseIpv4Address(literal);
            } catch (IOException | RuntimeException notAnAddress) {
                return null;
            }
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Cidr cidr && prefixLength == cidr.prefixLength && Arrays.equals(network, cidr.network);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(network) + prefixLength;
    }

    @Override
    public String toString() {
        try {
            return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
        } catch (UnknownHostException impossible) {
            return Arrays.toString(network) + "/" + prefixLength;
        }
    }
}
