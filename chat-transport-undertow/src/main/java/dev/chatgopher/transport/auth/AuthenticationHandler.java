package dev.chatgopher.transport.auth;

import dev.chatgopher.transport.auth.TokenRejectedException.Reason;
import dev.chatgopher.transport.http.ErrorResponses;
import dev.chatgopher.transport.http.WebSocketPath;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;

/**
 * The step ahead of the routes that puts the {@link Caller} on the exchange. With tokens off every request is
 * {@link Caller#ANYONE}. With tokens on, the API ({@code /api/...}) and the WebSocket upgrade ({@code /ws}) need a
 * valid token, or are answered 401 with {@code WWW-Authenticate: Bearer error="invalid_token"}; health, metrics,
 * the web client's files and the API documents stay open, and get no caller.
 */
public final class AuthenticationHandler implements HttpHandler, AutoCloseable {

    private static final String MISSING_ON_WEBSOCKET =
            "no token: send it as Authorization: Bearer <token>, or as access_token=<token> in the query";

    private final TokenVerifier verifier;
    private final HttpHandler next;

    private AuthenticationHandler(TokenVerifier verifier, HttpHandler next) {
        this.verifier = verifier;
        this.next = next;
    }

    /** Authentication as the settings say, ahead of {@code next}. */
    public static AuthenticationHandler ahead(HttpHandler next, AuthSettings settings) {
        return new AuthenticationHandler(settings.tokensOn() ? TokenVerifier.of(settings) : null, next);
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        if (verifier == null) {
            exchange.putAttachment(Caller.ATTACHMENT, Caller.ANYONE);
            next.handleRequest(exchange);
            return;
        }
        String path = exchange.getRequestPath();
        boolean webSocket = WebSocketPath.matches(path);
        if (!webSocket && !path.equals("/api") && !path.startsWith("/api/")) {
            next.handleRequest(exchange); // open: health, metrics, web client, OpenAPI
            return;
        }
        if (exchange.getRequestMethod().equals(Methods.OPTIONS)) {
            // A CORS preflight never carries credentials (Fetch standard) and reads nothing: it must not be a 401.
            next.handleRequest(exchange);
            return;
        }
        Caller caller;
        try {
            // A socket keeps its caller for its whole life: its token need not be remembered for another request.
            caller = verifier.verify(BearerToken.of(exchange, webSocket), !webSocket);
        } catch (TokenRejectedException rejected) {
            String message =
                    webSocket && rejected.reason() == Reason.MISSING ? MISSING_ON_WEBSOCKET : rejected.getMessage();
            exchange.getResponseHeaders()
                    .put(
                            Headers.WWW_AUTHENTICATE,
                            "Bearer error=\"invalid_token\", error_description=\"" + headerSafe(message) + "\"");
            ErrorResponses.send(exchange, StatusCodes.UNAUTHORIZED, message);
            return;
        } catch (KeysUnavailableException unavailable) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "5");
            ErrorResponses.send(exchange, StatusCodes.SERVICE_UNAVAILABLE, unavailable.getMessage());
            return;
        }
        exchange.putAttachment(Caller.ATTACHMENT, caller);
        next.handleRequest(exchange);
    }

    /** Stops what the verifier runs in the background (refreshing fetched keys). */
    @Override
    public void close() {
        if (verifier != null) {
            verifier.close();
        }
    }

    /** RFC 6750 allows printable ASCII but the quote and the backslash in {@code error_description}. */
    private static String headerSafe(String message) {
        StringBuilder safe = new StringBuilder(message.length());
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            safe.append(c >= 0x20 && c <= 0x7E && c != '"' && c != '\\' ? c : '\'');
        }
        return safe.toString();
    }
}
