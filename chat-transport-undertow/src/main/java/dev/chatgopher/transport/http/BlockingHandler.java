package dev.chatgopher.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/**
 * Runs a handler that blocks (a database read, a metrics scrape) on a worker thread, with blocking streams, and
 * answers whatever it throws with the API's JSON error: the one way this server does blocking work.
 */
public final class BlockingHandler implements HttpHandler {

    private final HttpHandler next;
    private final ErrorResponses errors;

    public BlockingHandler(HttpHandler next, ErrorResponses errors) {
        this.next = next;
        this.errors = errors;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        if (exchange.isInIoThread()) {
            exchange.dispatch(this);
            return;
        }
        exchange.startBlocking();
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            errors.send(exchange, e);
        }
    }
}
