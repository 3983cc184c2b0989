package dev.chatgopher.transport.limits;

import dev.chatgopher.transport.http.ErrorResponses;
import dev.chatgopher.transport.http.WebSocketPath;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * WebSocket handshakes per second per client address, counted ahead of the token check: a client that opens
 * sockets in a loop, with good tokens or bad ones, is turned away with 429 before the server spends a signature
 * verification on each. Every other request passes untouched.
 */
public final class HandshakeRateHandler implements HttpHandler {

    private final LimitSettings settings;
    private final KeyedBuckets<String> handshakes;
    private final LimitMetrics metrics;
    private final HttpHandler next;

    public HandshakeRateHandler(LimitSettings settings, LimitMetrics metrics, HttpHandler next) {
        this.settings = settings;
        this.handshakes = new KeyedBuckets<>(settings.handshakeBurst(), settings.handshakesPerSecond());
        this.metrics = metrics;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (settings.enabled() && WebSocketPath.matches(exchange.getRequestPath())) {
            String address = RequestIdentity.clientAddress(exchange);
            long wait = handshakes.tryTake(address);
            if (wait > 0) {
                metrics.refused(LimitMetrics.Limit.HANDSHAKES);
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, MessageLimiter.secondsToWait(wait));
                ErrorResponses.send(
                        exchange,
                        StatusCodes.TOO_MANY_REQUESTS,
                        "too many WebSocket handshakes from " + address + ": at most " + settings.handshakesPerSecond()
                                + " a second; retry shortly");
                return;
            }
        }
        next.handleRequest(exchange);
    }
}
