package dev.chatgopher.transport.limits;

import dev.chatgopher.transport.http.ErrorResponses;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;

/**
 * In front of a sending route: a caller over its message budget gets 429 with {@code Retry-After} before its
 * body is even read, so nothing of it is stored.
 */
public final class MessageRateLimitHandler implements HttpHandler {

    private final MessageLimiter limiter;
    private final RequestIdentity identity;
    private final HttpHandler next;

    public MessageRateLimitHandler(MessageLimiter limiter, RequestIdentity identity, HttpHandler next) {
        this.limiter = limiter;
        this.identity = identity;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        // Off, the identity (an address turned into text, or a subject) is not even built.
        long wait = limiter.enabled() ? limiter.tryTake(identity.of(exchange)) : 0;
        if (wait > 0) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, MessageLimiter.secondsToWait(wait));
            ErrorResponses.send(exchange, StatusCodes.TOO_MANY_REQUESTS, limiter.refusalInSeconds(wait));
            return;
        }
        next.handleRequest(exchange);
    }
}
