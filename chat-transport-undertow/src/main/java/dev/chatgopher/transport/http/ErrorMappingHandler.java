package dev.chatgopher.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;

/** Catches whatever a handler throws and answers with the API's JSON error instead of Undertow's default page. */
public final class ErrorMappingHandler implements HttpHandler {

    private final HttpHandler next;
    private final ErrorResponses errors;

    public ErrorMappingHandler(HttpHandler next, ErrorResponses errors) {
        this.next = next;
        this.errors = errors;
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
