package dev.chatgopher.transport.proxy;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The reverse proxies whose word about the client is believed. {@code Forwarded} (RFC 7239) or, without it,
 * {@code X-Forwarded-For} counts only when the direct peer is one of them; the client is then the rightmost
 * address in the chain that is not itself a trusted proxy (everything left of it could have been written by the
 * client). Otherwise the client is the direct peer, whatever the headers say.
 */
public final class TrustedProxies {

    private final List<Cidr> blocks;

    private TrustedProxies(List<Cidr> blocks) {
        this.blocks = List.copyOf(blocks);
    }

    /** No proxy is trusted: the client is always the direct peer. */
    public static TrustedProxies none() {
        return new TrustedProxies(List.of());
    }

    /** The CIDR blocks of {@code chat.http.trusted-proxies}; a wrong one is refused in one sentence. */
    public static TrustedProxies of(List<String> cidrs) {
        return new TrustedProxies(cidrs.stream()
                .map(String::trim)
                .filter(text -> !text.isEmpty())
                .map(Cidr::parse)
                .toList());
    }

    public boolean trusts(InetAddress address) {
        for (Cidr block : blocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        return false;
    }

    /** The client's address for a request that came from {@code peer}. */
    private InetAddress clientOf(HttpServerExchange exchange, InetAddress peer) {
        if (!trusts(peer)) {
            return peer;
        }
        List<String> chain = forwardedFor(exchange);
        InetAddress client = peer;
        for (int i = chain.size() - 1; i >= 0 && trusts(client); i--) {
            InetAddress hop = Cidr.IpLiteral.parse(withoutPort(chain.get(i)));
            if (hop == null) {
                break; // "unknown", an obfuscated name or garbage: the nearest trusted hop is all we know
            }
            client = hop;
        }
        return client;
    }

    /** The {@code for} addresses of every {@code Forwarded} element, or else of {@code X-Forwarded-For}, left to right. */
    private static List<String> forwardedFor(HttpServerExchange exchange) {
        List<String> chain = new ArrayList<>();
        HeaderValues forwarded = exchange.getRequestHeaders().get(Headers.FORWARDED);
        if (forwarded != null) {
            for (String header : forwarded) {
                for (String element : header.split(",")) {
                    chain.add(forParameter(element));
                }
            }
            return chain;
        }
        HeaderValues xForwardedFor = exchange.getRequestHeaders().get(Headers.X_FORWARDED_FOR);
        if (xForwardedFor != null) {
            for (String header : xForwardedFor) {
                for (String hop : header.split(",")) {
                    chain.add(hop.trim());
                }
            }
        }
        return chain;
    }

    /** The value of {@code for=} in one element of {@code Forwarded}, unquoted; "" when it has none. */
    private static String forParameter(String element) {
        for (String pair : element.split(";")) {
            String[] nameAndValue = pair.split("=", 2);
            if (nameAndValue.length == 2
                    && nameAndValue[0].trim().toLowerCase(Locale.ROOT).equals("for")) {
                String value = nameAndValue[1].trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value;
            }
        }
        return "";
    }

    /** {@code 192.0.2.1:4711} and {@code [2001:db8::1]:4711} without the port; a bare IPv6 address as it is. */
    private static String withoutPort(String hop) {
        if (hop.startsWith("[")) {
            int end = hop.indexOf(']');
            return end < 0 ? hop : hop.substring(0, end + 1);
        }
        int colon = hop.indexOf(':');
        return colon >= 0 && colon == hop.lastIndexOf(':') ? hop.substring(0, colon) : hop;
    }

    /** The client address of a request, as the connection's peer with the port it came from. */
    public InetSocketAddress clientOf(HttpServerExchange exchange) {
        InetSocketAddress peer = exchange.getConnection().getPeerAddress(InetSocketAddress.class);
        if (peer == null || blocks.isEmpty()) {
            return peer;
        }
        InetAddress client = clientOf(exchange, peer.getAddress());
        return client.equals(peer.getAddress()) ? peer : new InetSocketAddress(client, 0);
    }

    @Override
    public String toString() {
        return blocks.toString();
    }
}
