package dev.chatgopher.transport.http;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;

/**
 * Headers every answer carries, API and files alike: {@code X-Content-Type-Options: nosniff}, so that a browser
 * never runs a JSON answer or an uploaded text as script or style. The pages add their own policy (see
 * {@code WebRoutes}).
 */
public final class SecurityHeadersHandler implements HttpHandler {

    private final HttpHandler next;

    public SecurityHeadersHandler(HttpHandler next) {
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        exchange.getResponseHeaders().put(Headers.X_CONTENT_TYPE_OPTIONS, "nosniff");
        next.handleRequest(exchange);
    }
}
