package dev.chatgopher.transport.limits;

import dev.chatgopher.transport.auth.Caller;
import io.undertow.server.HttpServerExchange;

/**
 * Who a request counts against for the limits: the token's subject when tokens are on, otherwise the client's
 * address (proxy-aware: the exchange's source address, see {@code ClientAddressHandler}).
 */
@FunctionalInterface
public interface RequestIdentity {

    /** Without tokens every caller is its address. */
    RequestIdentity CLIENT_ADDRESS = exchange -> new Identity.Address(clientAddress(exchange));

    /** The server's rule: the subject of the caller the authentication step attached, else the address. */
    RequestIdentity SUBJECT_OR_ADDRESS = exchange -> {
        Caller caller = exchange.getAttachment(Caller.ATTACHMENT);
        return caller != null && caller.authenticated()
                ? new Identity.Subject(caller.subject())
                : new Identity.Address(clientAddress(exchange));
    };

    Identity of(HttpServerExchange exchange);

    /** The client's address as text ({@code 192.0.2.1}, {@code 2001:db8:0:0:0:0:0:1}). */
    static String clientAddress(HttpServerExchange exchange) {
        return exchange.getSourceAddress().getAddress().getHostAddress();
    }
}
