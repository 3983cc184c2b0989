package dev.chatgopher.transport.auth;

import dev.chatgopher.transport.auth.TokenRejectedException.Reason;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import java.util.Deque;

/**
 * Where a request carries its token (RFC 6750): {@code Authorization: Bearer <token>}, and for the WebSocket
 * upgrade also the {@code access_token} query parameter, since browsers cannot set headers on a WebSocket.
 */
public final class BearerToken {

    /** The query parameter of the WebSocket upgrade that may carry the token; the access log shows it redacted. */
    public static final String QUERY_PARAMETER = "access_token";

    private static final String SCHEME = "bearer ";

    private BearerToken() {}

    /**
     * The token, or null when the request has none.
     *
     * @param queryAllowed whether {@code access_token=} counts (the WebSocket upgrade only)
     * @throws TokenRejectedException (malformed) for a header that is not a bearer token, or a token given twice
     */
    public static String of(HttpServerExchange exchange, boolean queryAllowed) {
        String fromHeader = fromHeader(exchange);
        Deque<String> fromQuery = queryAllowed ? exchange.getQueryParameters().get(QUERY_PARAMETER) : null;
        if (fromQuery == null || fromQuery.isEmpty()) {
            return fromHeader;
        }
        if (fromHeader != null || fromQuery.size() > 1) {
            throw new TokenRejectedException(
                    Reason.MALFORMED, "give the token once: in the Authorization header or in access_token, not both");
        }
        String token = fromQuery.getFirst().strip();
        if (token.isEmpty()) {
            throw new TokenRejectedException(Reason.MALFORMED, "access_token is empty");
        }
        return token;
    }

    private static String fromHeader(HttpServerExchange exchange) {
        HeaderValues values = exchange.getRequestHeaders().get(Headers.AUTHORIZATION);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new TokenRejectedException(Reason.MALFORMED, "the Authorization header must be given once");
        }
        String value = values.getFirst().strip();
        if (!value.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            throw new TokenRejectedException(Reason.MALFORMED, "the Authorization header must be \"Bearer <token>\"");
        }
        String token = value.substring(SCHEME.length()).strip();
        if (token.isEmpty()) {
            throw new TokenRejectedException(Reason.MALFORMED, "the Authorization header has no token after Bearer");
        }
        return token;
    }
}
