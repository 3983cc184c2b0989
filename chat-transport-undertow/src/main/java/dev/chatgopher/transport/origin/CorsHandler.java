package dev.chatgopher.transport.origin;

import dev.chatgopher.transport.http.ErrorResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

/**
 * CORS for the HTTP API ({@code /api/...}), before routing: a preflight ({@code OPTIONS} with
 * {@code Access-Control-Request-Method}) from an allowed origin is answered 204 with what it may send, from any
 * other origin 403; an actual request from an allowed origin gets {@code Access-Control-Allow-Origin}. Only origins
 * configured explicitly are allowed, so without a list a browser never lets another site read an answer.
 */
public final class CorsHandler implements HttpHandler {

    static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
    static final HttpString EXPOSE_HEADERS = new HttpString("Access-Control-Expose-Headers");
    static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");
    private static final String API = "/api/";
    /** A browser may cache a preflight this long (seconds); Chromium caps it at two hours anyway. */
    private static final String PREFLIGHT_SECONDS = "600";

    private final AllowedOrigins origins;
    private final HttpHandler next;

    public CorsHandler(AllowedOrigins origins, HttpHandler next) {
        this.origins = origins;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (origin == null) {
            next.handleRequest(exchange);
            return;
        }
        boolean allowed = exchange.getRequestPath().startsWith(API) && origins.allowsCors(origin);
        if (exchange.getRequestMethod().equals(Methods.OPTIONS)
                && exchange.getRequestHeaders().contains(REQUEST_METHOD)) {
            preflight(exchange, origin, allowed);
            return;
        }
        if (allowed) {
            allowOrigin(exchange, origin);
            exchange.getResponseHeaders().put(EXPOSE_HEADERS, "Retry-After");
        }
        next.handleRequest(exchange);
    }

    private static void preflight(HttpServerExchange exchange, String origin, boolean allowed) {
        if (!allowed) {
            ErrorResponses.send(
                    exchange,
                    StatusCodes.FORBIDDEN,
                    "cross-origin requests from " + origin + " are not allowed on " + exchange.getRequestPath());
            return;
        }
        allowOrigin(exchange, origin);
        var headers = exchange.getResponseHeaders();
        headers.put(ALLOW_METHODS, "GET, POST");
        headers.put(ALLOW_HEADERS, "Authorization, Content-Type, Idempotency-Key");
        headers.put(MAX_AGE, PREFLIGHT_SECONDS);
        exchange.setStatusCode(StatusCodes.NO_CONTENT);
        exchange.endExchange();
    }

    private static void allowOrigin(HttpServerExchange exchange, String origin) {
        exchange.getResponseHeaders().put(ALLOW_ORIGIN, origin);
        exchange.getResponseHeaders().add(Headers.VARY, "Origin");
    }
}
