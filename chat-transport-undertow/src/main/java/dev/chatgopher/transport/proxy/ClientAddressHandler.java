package dev.chatgopher.transport.proxy;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import java.net.InetSocketAddress;

/**
 * Makes the exchange's source address the client's, as {@link TrustedProxies} decide it, before anything else
 * looks: the access log, the limits and the identity of an anonymous caller all read
 * {@link HttpServerExchange#getSourceAddress()}. (The connection's peer stays the direct one.)
 */
public final class ClientAddressHandler implements HttpHandler {

    private final TrustedProxies proxies;
    private final HttpHandler next;

    public ClientAddressHandler(TrustedProxies proxies, HttpHandler next) {
        this.proxies = proxies;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        InetSocketAddress client = proxies.clientOf(exchange);
        if (client != null) {
            exchange.setSourceAddress(client);
        }
        next.handleRequest(exchange);
    }
}
