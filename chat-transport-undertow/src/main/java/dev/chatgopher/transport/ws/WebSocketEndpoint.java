package dev.chatgopher.transport.ws;

import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.port.Subscription;
import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.domain.port.in.SendMessageUseCase;
import dev.chatgopher.domain.port.in.SubscribeUseCase;
import dev.chatgopher.transport.RoomSettings;
import dev.chatgopher.transport.auth.Caller;
import dev.chatgopher.transport.failure.FailureAnswer;
import dev.chatgopher.transport.http.ErrorResponses;
import dev.chatgopher.transport.http.QueryParameters;
import dev.chatgopher.transport.json.ErrorJson;
import dev.chatgopher.transport.json.SendRequestParser;
import dev.chatgopher.transport.websocket.CloseCodes;
import dev.chatgopher.transport.websocket.DrainScheduler;
import dev.chatgopher.transport.websocket.WebSocketConnection;
import dev.chatgopher.transport.websocket.WebSocketHandshake;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.time.Clock;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.StreamConnection;

/**
 * {@code GET /ws[?rooms=a,b,c][&after=<id>]}: every committed message of the rooms followed (the default room
 * without {@code rooms}, every room with {@code rooms=*}) arrives as one text frame holding the message JSON,
 * nothing around it, in increasing id order. With {@code after}, the stored messages of those rooms newer than
 * that id come first, then the live stream, without gap or duplicate. A client may also send
 * {@code {"room":"a","sequence":1,"text":"...","author":"..."}} frames, to any room ({@code room} may be left out
 * when the connection follows exactly one): they are stored and broadcast like a POST; a refused one is answered
 * with {@code {"error":"..."}} on that socket only.
 *
 * <p>With tokens on, the upgrade is refused 403 unless the token may read every room asked for ({@code rooms=*}
 * needs the {@code *} right); a frame to a room outside the write rights is answered with an error frame, the
 * socket stays open; the author is the token's name; and the socket is closed with 1008 "token expired" at the
 * token's {@code exp}.
 *
 * <p>The WebSocket protocol itself (RFC 6455) is spoken by {@link WebSocketConnection} on the connection Undertow
 * hands over after the upgrade: it writes many frames per system call, which Undertow's own WebSocket sender
 * does not (the fan-out profile showed one {@code writev} per frame per client dominating).
 */
public final class WebSocketEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);
    /** Sends from one socket that may wait for the writer at once; past it the socket stops being read. */
    private static final int MAX_SENDS_IN_FLIGHT = 64;

    private final SendMessageUseCase sendMessage;
    private final ReadHistoryUseCase history;
    private final WebSocketSettings settings;
    private final RoomSettings rooms;
    private final WebSocketMetrics metrics;
    private final WebSocketAdmission admission;
    private final long maxInboundMessageBytes;
    private final Broadcaster broadcaster;
    private final DrainScheduler drains = new DrainScheduler();
    private final Subscription subscription;
    private final SessionRounds<ClientSession> heartbeat;
    private final TokenExpiries expiries;

    public WebSocketEndpoint(
            SendMessageUseCase sendMessage,
            ReadHistoryUseCase history,
            SubscribeUseCase subscribe,
            WebSocketSettings settings,
            RoomSettings rooms,
            long maxInboundMessageBytes,
            WebSocketMetrics metrics,
            WebSocketAdmission admission) {
        this.sendMessage = sendMessage;
        this.admission = admission;
        this.metrics = metrics;
        this.history = history;
        this.settings = settings;
        this.rooms = rooms;
        this.maxInboundMessageBytes = maxInboundMessageBytes;
        this.broadcaster = new Broadcaster(settings.fanOutInterval());
        this.subscription = subscribe.subscribe(broadcaster);
        long silenceLimitNanos =
                settings.pingInterval().plus(settings.pongTimeout()).toNanos();
        this.heartbeat = new SessionRounds<>(
                "ws-heartbeat",
                settings.pingInterval(),
                broadcaster::forEachSession,
                session -> session.heartbeat(silenceLimitNanos));
        this.expiries = new TokenExpiries(broadcaster::forEachSession, Clock.systemUTC());
    }

    public HttpHandler handler() {
        return this::upgrade;
    }

    /** Number of sessions, connected or completing their handshake. */
    public int sessionCount() {
        return broadcaster.sessionCount();
    }

    /** Stops following the feed and closes every session with 1001. */
    @Override
    public void close() {
        heartbeat.close();
        expiries.close();
        subscription.close();
        broadcaster.close();
    }

    /**
     * Admits the connection (its origin, the limits: see {@link WebSocketAdmission}), checks the request, then
     * answers 101. The session joins the fan-out before that answer goes out: a client
     * that sends as soon as its socket opens must receive its own message. If the upgrade does not happen, it
     * leaves again.
     */
    private void upgrade(HttpServerExchange exchange) {
        WebSocketAdmission.Admitted admitted = admission.admit(exchange);
        if (admitted == null) {
            return;
        }
        RoomSelection followed;
        try {
            followed = RoomsParameter.parse(exchange.getQueryParameters().get("rooms"), rooms);
        } catch (InvalidInputException invalid) {
            ErrorResponses.send(exchange, StatusCodes.BAD_REQUEST, invalid.getMessage());
            return;
        }
        Deque<String> afterValues = exchange.getQueryParameters().get("after");
        long after = afterValues == null ? -1 : parseAfter(afterValues);
        if (afterValues != null && after < 0) {
            ErrorResponses.send(
                    exchange,
                    StatusCodes.BAD_REQUEST,
                    "after must be the id of the last message received: a whole number from 0 to " + Long.MAX_VALUE);
            return;
        }
        Caller caller = Caller.of(exchange);
        String refusal = caller.readRefusal(followed);
        if (refusal != null) {
            ErrorResponses.send(exchange, StatusCodes.FORBIDDEN, refusal);
            return;
        }
        WebSocketHandshake.Refusal invalid = WebSocketHandshake.check(exchange);
        if (invalid != null) {
            if (invalid.status() == StatusCodes.UPGRADE_REQUIRED) {
                exchange.getResponseHeaders().put(Headers.SEC_WEB_SOCKET_VERSION, "13");
            }
            ErrorResponses.send(exchange, invalid.status(), invalid.message());
            return;
        }
        ClientSession session = new ClientSession(
                settings.outbound(),
                history,
                followed,
                after >= 0,
                metrics,
                exchange.getSourceAddress(),
                caller.expiresAt() == null
                        ? ClientSession.NEVER
                        : caller.expiresAt().toEpochMilli());
        if (after >= 0) {
            session.startAfter(after);
            broadcaster.add(session);
        } else {
            broadcaster.add(session);
            // Read only after joining: every batch newer than this is fanned out with the session in the set.
            session.startAfter(broadcaster.lastFannedOutId());
        }
        exchange.addExchangeCompleteListener((done, next) -> {
            if (done.getStatusCode() != StatusCodes.SWITCHING_PROTOCOLS) {
                broadcaster.remove(session);
            }
            next.proceed();
        });
        exchange.getResponseHeaders().put(Headers.UPGRADE, "websocket");
        exchange.getResponseHeaders()
                .put(
                        Headers.SEC_WEB_SOCKET_ACCEPT,
                        WebSocketHandshake.accept(exchange.getRequestHeaders().getFirst(Headers.SEC_WEB_SOCKET_KEY)));
        exchange.upgradeChannel((connection, upgraded) -> connect(session, caller, admitted, connection, upgraded));
        exchange.endExchange();
    }

    private void connect(
            ClientSession session,
            Caller caller,
            WebSocketAdmission.Admitted admitted,
            StreamConnection streamConnection,
            HttpServerExchange exchange) {
        InboundMessages inbound = new InboundMessages(session, caller, admitted);
        WebSocketConnection connection = new WebSocketConnection(
                streamConnection,
                exchange.getConnection().getByteBufferPool(),
                drains,
                maxInboundMessageBytes,
                inbound);
        inbound.connection = connection;
        session.attach(connection);
        connection.start();
    }

    /** Returns the id, or -1 when the parameter is not exactly one whole number from 0 up. */
    private static long parseAfter(Deque<String> values) {
        return values.size() == 1
                ? QueryParameters.wholeNumber(values.getFirst(), QueryParameters.MESSAGE_ID_DIGITS)
                : -1;
    }

    /** What a client sends: JSON text frames to store; anything else ends the session with the fitting code. */
    private final class InboundMessages implements WebSocketConnection.Events {

        private final ClientSession session;
        private final Caller caller;
        private final WebSocketAdmission.Admitted admitted;
        private final AtomicInteger sendsInFlight = new AtomicInteger();
        private WebSocketConnection connection;

        InboundMessages(ClientSession session, Caller caller, WebSocketAdmission.Admitted admitted) {
            this.session = session;
            this.caller = caller;
            this.admitted = admitted;
        }

        @Override
        public void text(String json) {
            session.heard();
            if (admitted.refuseOverBudget(session)) {
                return;
            }
            NewMessage message;
            try {
                message = SendRequestParser.parseFrame(json, session.onlyRoom());
            } catch (InvalidInputException invalid) {
                session.reply(ErrorJson.encode(invalid.getMessage()));
                return;
            }
            String refusal = caller.writeRefusal(message.room());
            if (refusal != null) {
                session.reply(ErrorJson.encode(refusal));
                return;
            }
            message = caller.attributed(message);
            if (sendsInFlight.incrementAndGet() >= MAX_SENDS_IN_FLIGHT) {
                connection.suspendReads(); // back-pressure: the client's own TCP window fills up
            }
            sendMessage.send(message).whenComplete((stored, failure) -> {
                if (sendsInFlight.getAndDecrement() == MAX_SENDS_IN_FLIGHT) {
                    connection.ioThread().execute(connection::resumeReads);
                }
                if (failure != null) {
                    session.reply(ErrorJson.encode(FailureAnswer.of(failure, "WebSocket send from " + session.peer())
                            .message()));
                }
            });
        }

        @Override
        public void binary() {
            session.close(CloseCodes.UNSUPPORTED_DATA, "binary frames are not supported; send JSON text frames");
        }

        @Override
        public void ping() {
            session.heard();
        }

        @Override
        public void pong() {
            session.heard();
        }

        @Override
        public void closeReceived(int code) {
            session.heard();
            session.closed();
        }

        @Override
        public void violation(int closeCode, String reason) {
            LOG.debug("Closing WebSocket client {} with {}: {}", session.peer(), closeCode, reason);
            session.closed();
        }

        @Override
        public void written(int frames, long bytes, long oldestPublishedNanos) {
            session.written(frames, bytes, oldestPublishedNanos);
        }

        @Override
        public void disconnected(int closeCode, WebSocketConnection.ClosedBy by) {
            metrics.closed(closeCode, by);
            session.closed();
            broadcaster.remove(session);
            admitted.release();
        }
    }
}
