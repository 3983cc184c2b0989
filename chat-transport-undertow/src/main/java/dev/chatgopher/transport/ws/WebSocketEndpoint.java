package dev.chatgopher.transport.ws;

import dev.chatgopher.domain.model.IdempotencyConflictException;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.OverloadedException;
import dev.chatgopher.domain.port.Subscription;
import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.domain.port.in.SendMessageUseCase;
import dev.chatgopher.domain.port.in.SubscribeUseCase;
import dev.chatgopher.domain.port.out.StoreUnavailableException;
import dev.chatgopher.transport.json.ErrorJson;
import dev.chatgopher.transport.json.SendRequestParser;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.StatusCodes;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.io.IOException;
import java.util.Deque;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /ws[?after=<id>]}: every committed message arrives as one text frame holding the message JSON,
 * nothing around it, in increasing id order. With {@code after}, the stored messages newer than that id come
 * first, then the live stream, without gap or duplicate. A client may also send {@code {"sequence":1,"text":"..."}}
 * frames: they are stored and broadcast like a POST; a refused one is answered with {@code {"error":"..."}} on
 * that socket only.
 */
public final class WebSocketEndpoint implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(WebSocketEndpoint.class);
    private static final AttachmentKey<ClientSession> SESSION = AttachmentKey.create(ClientSession.class);
    /** Sends from one socket that may wait for the writer at once; past it the socket stops being read. */
    private static final int MAX_SENDS_IN_FLIGHT = 64;

    private final SendMessageUseCase sendMessage;
    private final ReadHistoryUseCase history;
    private final WebSocketSettings settings;
    private final long maxInboundFrameBytes;
    private final Broadcaster broadcaster = new Broadcaster();
    private final Subscription subscription;
    private final HttpHandler handshake;
    private final BiConsumer<HttpServerExchange, String> badRequest;
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ws-heartbeat").daemon().factory());

    /**
     * @param badRequest answers a refused upgrade request (status already set) with the API's JSON error
     */
    public WebSocketEndpoint(SendMessageUseCase sendMessage, ReadHistoryUseCase history, SubscribeUseCase subscribe,
                             WebSocketSettings settings, long maxInboundFrameBytes,
                             BiConsumer<HttpServerExchange, String> badRequest) {
        this.sendMessage = sendMessage;
        this.history = history;
        this.settings = settings;
        this.maxInboundFrameBytes = maxInboundFrameBytes;
        this.badRequest = badRequest;
        this.subscription = subscribe.subscribe(broadcaster);
        this.handshake = new WebSocketProtocolHandshakeHandler((WebSocketConnectionCallback) this::onConnect,
                exchange -> refuse(exchange, "this endpoint speaks WebSocket: send an HTTP/1.1 Upgrade request"));
        long silenceLimitNanos = settings.pingInterval().plus(settings.pongTimeout()).toNanos();
        long period = settings.pingInterval().toMillis();
        heartbeats.scheduleAtFixedRate(() -> broadcaster.sessions().forEach(session -> session.heartbeat(silenceLimitNanos)),
                period, period, TimeUnit.MILLISECONDS);
    }

    public HttpHandler handler() {
        return this::beforeHandshake;
    }

    /** Number of sessions, connected or completing their handshake. */
    public int sessionCount() {
        return broadcaster.sessions().size();
    }

    /** Stops following the feed and closes every session with 1001. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        subscription.close();
        broadcaster.close();
    }

    /**
     * The session joins the fan-out before the handshake answer goes out: a client that sends as soon as its
     * socket opens must receive its own message. If the upgrade does not happen, it leaves again.
     */
    private void beforeHandshake(HttpServerExchange exchange) throws Exception {
        Deque<String> afterValues = exchange.getQueryParameters().get("after");
        ClientSession session;
        if (afterValues == null) {
            session = new ClientSession(settings.outbound(), history, false);
            broadcaster.add(session);
            // Read only after joining: every batch newer than this is fanned out with the session in the set.
            session.startAfter(broadcaster.lastFannedOutId());
        } else {
            long after = parseAfter(afterValues);
            if (after < 0) {
                refuse(exchange, "after must be the id of the last message received: a whole number from 0 to " + Long.MAX_VALUE);
                return;
            }
            session = new ClientSession(settings.outbound(), history, true);
            session.startAfter(after);
            broadcaster.add(session);
        }
        exchange.putAttachment(SESSION, session);
        exchange.addExchangeCompleteListener((done, next) -> {
            if (done.getStatusCode() != StatusCodes.SWITCHING_PROTOCOLS) {
                broadcaster.remove(session);
            }
            next.proceed();
        });
        handshake.handleRequest(exchange);
    }

    private void onConnect(WebSocketHttpExchange exchange, WebSocketChannel channel) {
        ClientSession session = exchange.getAttachment(SESSION);
        channel.addCloseTask(closed -> {
            session.closed();
            broadcaster.remove(session);
        });
        channel.getReceiveSetter().set(new InboundFrames(session));
        session.attach(channel);
        channel.resumeReceives();
    }

    private void refuse(HttpServerExchange exchange, String message) {
        exchange.setStatusCode(StatusCodes.BAD_REQUEST);
        badRequest.accept(exchange, message);
    }

    /** Returns the id, or -1 when the parameter is not exactly one whole number from 0 up. */
    private static long parseAfter(Deque<String> values) {
        if (values.size() != 1 || !values.getFirst().matches("[0-9]{1,19}")) {
            return -1;
        }
        try {
            return Long.parseLong(values.getFirst());
        } catch (NumberFormatException tooLarge) {
            return -1;
        }
    }

    /** What a client sends: JSON text frames to store; binary frames and oversize frames end the session. */
    private final class InboundFrames extends AbstractReceiveListener {

        private final ClientSession session;
        private final AtomicInteger sendsInFlight = new AtomicInteger();

        InboundFrames(ClientSession session) {
            this.session = session;
        }

        @Override
        protected long getMaxTextBufferSize() {
            return maxInboundFrameBytes;
        }

        @Override
        protected long getMaxBinaryBufferSize() {
            return maxInboundFrameBytes;
        }

        @Override
        protected void onFullTextMessage(WebSocketChannel channel, BufferedTextMessage frame) {
            session.heard();
            NewMessage message;
            try {
                message = SendRequestParser.parse(frame.getData());
            } catch (InvalidInputException invalid) {
                session.reply(ErrorJson.encode(invalid.getMessage()));
                return;
            }
            if (sendsInFlight.incrementAndGet() >= MAX_SENDS_IN_FLIGHT) {
                channel.suspendReceives(); // back-pressure: the client's own TCP window fills up
            }
            sendMessage.send(message).whenComplete((stored, failure) -> {
                if (sendsInFlight.getAndDecrement() == MAX_SENDS_IN_FLIGHT) {
                    channel.getIoThread().execute(channel::resumeReceives);
                }
                if (failure != null) {
                    session.reply(ErrorJson.encode(describe(failure)));
                }
            });
        }

        @Override
        protected void onFullPongMessage(WebSocketChannel channel, BufferedBinaryMessage pong) {
            session.heard();
            pong.getData().free();
        }

        @Override
        protected void onFullPingMessage(WebSocketChannel channel, BufferedBinaryMessage ping) throws IOException {
            session.heard();
            super.onFullPingMessage(channel, ping);
        }

        @Override
        protected void onFullBinaryMessage(WebSocketChannel channel, BufferedBinaryMessage message) {
            message.getData().free();
            session.close(CloseReasons.UNSUPPORTED_DATA, "binary frames are not supported; send JSON text frames");
        }
    }

    private static String describe(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return switch (cause) {
            case InvalidInputException invalid -> invalid.getMessage();
            case OverloadedException overloaded -> overloaded.getMessage();
            case IdempotencyConflictException conflict -> conflict.getMessage();
            case StoreUnavailableException unavailable -> "the database is unavailable; try again shortly";
            default -> {
                LOG.error("Sending a message from a WebSocket failed", cause);
                yield "internal server error";
            }
        };
    }
}
