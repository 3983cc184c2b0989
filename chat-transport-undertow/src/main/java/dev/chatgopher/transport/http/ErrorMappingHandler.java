package dev.chatgopher.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.BlockingHandler;

/** Catches whatever a handler throws and answers with the API's JSON error instead of Undertow's default page. */
public final class ErrorMappingHandler implements HttpHandler {

    private final HttpHandler next;
    private final ErrorResponses errors;

    public ErrorMappingHandler(HttpHandler next, ErrorResponses errors) {
        this.next = next;
        this.errors = errors;
    }

    /**
     * The one way this server runs work that blocks (a database read, a metrics scrape): on a worker thread, with
     * blocking streams, and the same error answers.
     */
    public static HttpHandler blocking(HttpHandler next, ErrorResponses errors) {
        return new BlockingHandler(new ErrorMappingHandler(next, errors));
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) {
        try {
            next.handleRequest(exchange);
        } catch (Exception e) {
            errors.send(exchange, e);
        }
    }
}
