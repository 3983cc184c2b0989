package dev.chatgopher.transport.ws;

import dev.chatgopher.domain.port.Subscription;
import dev.chatgopher.domain.port.in.SubscribeUseCase;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.AttachmentKey;
import io.undertow.util.StatusCodes;
import io.undertow.websockets.WebSocketConnectionCallback;
import io.undertow.websockets.WebSocketProtocolHandshakeHandler;
import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedBinaryMessage;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.spi.WebSocketHttpExchange;
import java.util.function.BiConsumer;

/**
 * {@code GET /ws}: upgrades to a WebSocket on which every committed message arrives as one text frame holding
 * the message JSON, nothing else around it.
 */
public final class WebSocketEndpoint implements AutoCloseable {

    private static final AttachmentKey<ClientSession> SESSION = AttachmentKey.create(ClientSession.class);

    private final Broadcaster broadcaster = new Broadcaster();
    private final Subscription subscription;
    private final OutboundLimits limits;
    private final long maxInboundFrameBytes;
    private final HttpHandler handshake;

    /**
     * @param notAnUpgrade answers a plain GET on the endpoint (status and message), e.g. as a JSON error
     */
    public WebSocketEndpoint(SubscribeUseCase subscribe, OutboundLimits limits, long maxInboundFrameBytes,
                             BiConsumer<HttpServerExchange, String> notAnUpgrade) {
        this.limits = limits;
        this.maxInboundFrameBytes = maxInboundFrameBytes;
        this.subscription = subscribe.subscribe(broadcaster);
        this.handshake = new WebSocketProtocolHandshakeHandler((WebSocketConnectionCallback) this::onConnect,
                exchange -> {
                    exchange.setStatusCode(StatusCodes.BAD_REQUEST);
                    notAnUpgrade.accept(exchange, "this endpoint speaks WebSocket: send an HTTP/1.1 Upgrade request");
                });
    }

    public HttpHandler handler() {
        return this::beforeHandshake;
    }

    /** Number of connected clients. */
    public int sessionCount() {
        return broadcaster.sessions().size();
    }

    /** Stops following the feed and closes every session with 1001. */
    @Override
    public void close() {
        subscription.close();
        broadcaster.close();
    }

    /**
     * The session joins the fan-out before the handshake answer goes out: a client that sends as soon as its
     * socket opens must receive its own message. If the upgrade does not happen, it leaves again.
     */
    private void beforeHandshake(HttpServerExchange exchange) throws Exception {
        ClientSession session = new ClientSession(limits);
        broadcaster.add(session);
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
        channel.addCloseTask(closed -> broadcaster.remove(session));
        channel.getReceiveSetter().set(new AbstractReceiveListener() {
            @Override
            protected long getMaxTextBufferSize() {
                return maxInboundFrameBytes;
            }

            @Override
            protected long getMaxBinaryBufferSize() {
                return maxInboundFrameBytes;
            }

            @Override
            protected void onFullBinaryMessage(WebSocketChannel ws, BufferedBinaryMessage message) {
                message.getData().free();
                session.close(CloseReasons.UNSUPPORTED_DATA, "binary frames are not supported; send JSON text frames");
            }
        });
        session.attach(channel);
        channel.resumeReceives();
    }
}
