package dev.chatgopher.transport.limits;

import io.undertow.server.HttpServerExchange;

/**
 * Who a request counts against for the limits: the token's subject when tokens are on, otherwise the client's
 * address (proxy-aware: the exchange's source address, see {@code ClientAddressHandler}).
 */
@FunctionalInterface
public interface RequestIdentity {

    /** Without tokens every caller is its address. */
    RequestIdentity CLIENT_ADDRESS = RequestIdentity::clientAddress;

    String of(HttpServerExchange exchange);

    /** The client's address as text ({@code 192.0.2.1}, {@code 2001:db8:0:0:0:0:0:1}). */
    static String clientAddress(HttpServerExchange exchange) {
        return exchange.getSourceAddress().getAddress().getHostAddress();
    }
}
