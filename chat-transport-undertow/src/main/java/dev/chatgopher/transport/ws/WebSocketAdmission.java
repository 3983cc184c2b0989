package dev.chatgopher.transport.ws;

import dev.chatgopher.transport.http.ErrorResponses;
import dev.chatgopher.transport.json.ErrorJson;
import dev.chatgopher.transport.limits.ConnectionLimits;
import dev.chatgopher.transport.limits.Identity;
import dev.chatgopher.transport.limits.MessageLimiter;
import dev.chatgopher.transport.limits.RequestIdentity;
import dev.chatgopher.transport.origin.AllowedOrigins;
import dev.chatgopher.transport.websocket.CloseCodes;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who may open a WebSocket, decided before the upgrade: a browser page of an allowed origin (else 403, against
 * cross-site WebSocket hijacking), within the connection counts (else 429 or 503). An
 * admitted connection keeps the identity it had at the upgrade for its message budget, and gives its place in the
 * counts back when it closes, however it closes.
 */
public final class WebSocketAdmission {

    /** Refused frames in a row (no accepted one between them) after which a socket is closed with 1008. */
    static final int REFUSALS_BEFORE_CLOSE = 3;

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketAdmission.class);

    private final AllowedOrigins origins;
    private final ConnectionLimits connections;
    private final MessageLimiter messages;
    private final RequestIdentity identity;

    public WebSocketAdmission(
            AllowedOrigins origins, ConnectionLimits connections, MessageLimiter messages, RequestIdentity identity) {
        this.origins = origins;
        this.connections = connections;
        this.messages = messages;
        this.identity = identity;
    }

    /** The connection, admitted; or null when it was refused and the refusal is already answered. */
    Admitted admit(HttpServerExchange exchange) {
        String origin = exchange.getRequestHeaders().getFirst(Headers.ORIGIN);
        if (!origins.allowsWebSocket(origin, exchange.getRequestHeaders().getFirst(Headers.HOST))) {
            ErrorResponses.send(
                    exchange,
                    StatusCodes.FORBIDDEN,
                    "WebSocket connections from the origin " + origin + " are not allowed");
            return null;
        }
        Identity caller = identity.of(exchange);
        switch (connections.admit(caller, RequestIdentity.clientAddress(exchange))) {
            case ConnectionLimits.Refusal refusal -> {
                exchange.getResponseHeaders().put(Headers.RETRY_AFTER, refusal.retryAfterSeconds());
                ErrorResponses.send(exchange, refusal.status(), refusal.message());
                return null;
            }
            case ConnectionLimits.Lease lease -> {
                exchange.addExchangeCompleteListener((done, next) -> {
                    if (done.getStatusCode() != StatusCodes.SWITCHING_PROTOCOLS) {
                        lease.release(); // refused after this point (a bad handshake, a token): never opened
                    }
                    next.proceed();
                });
                return new Admitted(caller, lease);
            }
        }
    }

    /** One admitted connection: its identity for the message budget, and its place in the counts. */
    final class Admitted {

        private final Identity caller;
        private final ConnectionLimits.Lease lease;
        /** Frames refused since the last accepted one; only the connection's IO thread, which reads them, counts. */
        private int refusedInARow;

        private Admitted(Identity caller, ConnectionLimits.Lease lease) {
            this.caller = caller;
            this.lease = lease;
        }

        /**
         * Takes one message from the budget. Over it, the client gets an error frame with the wait, and one that
         * keeps sending regardless is closed with 1008; true when the frame must not be stored.
         */
        boolean refuseOverBudget(ClientSession session) {
            long wait = messages.tryTake(caller);
            if (wait == 0) {
                refusedInARow = 0;
                return false;
            }
            if (++refusedInARow >= REFUSALS_BEFORE_CLOSE) {
                LOG.info(
                        "Closing WebSocket client {} ({}): it kept sending after being told to wait",
                        session.peer(),
                        caller);
                session.close(CloseCodes.POLICY_VIOLATION, "too many messages");
            } else {
                session.reply(ErrorJson.encodeWithRetry(
                        messages.refusalInMilliseconds(wait), MessageLimiter.millisecondsToWait(wait)));
            }
            return true;
        }

        /** The connection closed: its place in the counts is free again. */
        void release() {
            lease.release();
        }
    }
}
