package dev.chatgopher.transport;

import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.transport.auth.AuthenticationHandler;
import dev.chatgopher.transport.auth.OpenAccessWarning;
import dev.chatgopher.transport.health.HealthHandler;
import dev.chatgopher.transport.http.AccessLogHandler;
import dev.chatgopher.transport.http.BodyDeadlineHandler;
import dev.chatgopher.transport.http.ErrorMappingHandler;
import dev.chatgopher.transport.http.ErrorResponses;
import dev.chatgopher.transport.http.GetHistoryHandler;
import dev.chatgopher.transport.http.JsonRefusalOpenListener;
import dev.chatgopher.transport.http.LingeringClose;
import dev.chatgopher.transport.http.ListRoomsHandler;
import dev.chatgopher.transport.http.MetricsHandler;
import dev.chatgopher.transport.http.PostMessageHandler;
import dev.chatgopher.transport.http.RoomOfRequest;
import dev.chatgopher.transport.http.Routes;
import dev.chatgopher.transport.http.StrictFramingHandler;
import dev.chatgopher.transport.http.WebSocketPath;
import dev.chatgopher.transport.limits.ConnectionLimits;
import dev.chatgopher.transport.limits.HandshakeRateHandler;
import dev.chatgopher.transport.limits.LimitMetrics;
import dev.chatgopher.transport.limits.MessageLimiter;
import dev.chatgopher.transport.limits.MessageRateLimitHandler;
import dev.chatgopher.transport.limits.RequestIdentity;
import dev.chatgopher.transport.origin.CorsHandler;
import dev.chatgopher.transport.proxy.ClientAddressHandler;
import dev.chatgopher.transport.tls.TlsSettings;
import dev.chatgopher.transport.web.WebRoutes;
import dev.chatgopher.transport.ws.WebSocketAdmission;
import dev.chatgopher.transport.ws.WebSocketEndpoint;
import dev.chatgopher.transport.ws.WebSocketMetrics;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.protocols.ssl.UndertowXnioSsl;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.handlers.SetHeaderHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Sequence;
import org.xnio.StreamConnection;
import org.xnio.Xnio;
import org.xnio.channels.AcceptingChannel;
import org.xnio.ssl.SslConnection;

/**
 * The HTTP and WebSocket server: routes, error mapping and lifecycle around the use cases. It stops in steps, so
 * that the application can drain: {@link #stopAccepting}, {@link #closeWebSockets}, {@link #awaitRequests},
 * {@link #close}.
 */
public final class ChatServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);
    private static final Duration DRAIN = Duration.ofSeconds(5);

    /** Undertow's own socket options for its listeners. */
    private static final OptionMap SOCKET_OPTIONS = OptionMap.builder()
            .set(Options.TCP_NODELAY, true)
            .set(Options.REUSE_ADDRESSES, true)
            .set(Options.BACKLOG, 1000)
            .set(Options.BALANCING_TOKENS, 1)
            .set(Options.BALANCING_CONNECTIONS, 2)
            .getMap();

    private final Undertow undertow;
    private final OptionMap httpOptions;
    /** Undertow's default for a machine with more than 128 MiB of heap: 16 KiB direct buffers. */
    private final ByteBufferPool buffers = new DefaultByteBufferPool(true, 16 * 1024 - 20, -1, 4);

    private final InetSocketAddress address;
    private final Optional<TlsSettings> tls;
    private volatile AcceptingChannel<? extends StreamConnection> listener;
    private volatile AcceptingChannel<? extends StreamConnection> tlsListener;
    private final GracefulShutdownHandler graceful;
    private final WebSocketEndpoint webSockets;
    private final Routes routes;
    private final AuthenticationHandler authentication;
    private volatile boolean stopping;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChatServer(
            ServerSettings settings, ChatUseCases useCases, ServerOperations operations, RequestIdentity identity) {
        ErrorResponses errors = new ErrorResponses(settings.maxBodyBytes());
        RoomId defaultRoom = settings.rooms().defaultRoom();
        EdgeSettings edge = settings.edge();
        LimitMetrics limitMetrics = new LimitMetrics(operations.meters());
        MessageLimiter messageLimiter = new MessageLimiter(edge.limits(), limitMetrics);
        this.webSockets = new WebSocketEndpoint(
                useCases.send(),
                useCases.history(),
                useCases.subscribe(),
                settings.webSocket(),
                settings.rooms(),
                settings.maxBodyBytes(),
                new WebSocketMetrics(operations.meters()),
                new WebSocketAdmission(
                        edge.allowedOrigins(),
                        new ConnectionLimits(edge.limits(), limitMetrics),
                        messageLimiter,
                        identity));
        // Both send routes take from one budget per identity, before the body is read.
        Function<RoomOfRequest, HttpHandler> sends = rooms -> new MessageRateLimitHandler(
                messageLimiter,
                identity,
                new PostMessageHandler(useCases.send(), rooms, errors, settings.maxBodyBytes()));
        this.routes = new Routes(operations.meters())
                .add(Methods.POST, "/api/messages", sends.apply(RoomOfRequest.fixed(defaultRoom)))
                .add(
                        Methods.GET,
                        "/api/messages",
                        ErrorMappingHandler.blocking(
                                GetHistoryHandler.rangeOnly(useCases.history(), defaultRoom), errors))
                .add(Methods.POST, "/api/rooms/{room}/messages", sends.apply(RoomOfRequest.fromPath()))
                .add(
                        Methods.GET,
                        "/api/rooms/{room}/messages",
                        ErrorMappingHandler.blocking(GetHistoryHandler.rangeOrPage(useCases.history()), errors))
                .add(
                        Methods.GET,
                        "/api/rooms",
                        ErrorMappingHandler.blocking(new ListRoomsHandler(useCases.history()), errors))
                .add(Methods.GET, WebSocketPath.PATH, webSockets.handler())
                .add(Methods.GET, "/health/live", HealthHandler.live())
                .add(Methods.GET, "/health/ready", HealthHandler.ready(operations.readiness()))
                .add(
                        Methods.GET,
                        "/metrics",
                        ErrorMappingHandler.blocking(new MetricsHandler(operations.metricsScrape()), errors));
        WebRoutes.addTo(routes);
        // The client's address is settled first, so that the access log and the limits see the same one; framing
        // is checked before anything reads a body; CORS answers preflights before routing, which would answer
        // OPTIONS with 405; the handshake rate is counted before a token is verified; the caller is known before any
        // route (and its limits) runs.
        this.authentication = AuthenticationHandler.ahead(routes.handler(), settings.auth());
        this.graceful = new GracefulShutdownHandler(new ClientAddressHandler(
                edge.trustedProxies(),
                new AccessLogHandler(new ErrorMappingHandler(
                        new StrictFramingHandler(new BodyDeadlineHandler(
                                new CorsHandler(
                                        edge.allowedOrigins(),
                                        new HandshakeRateHandler(edge.limits(), limitMetrics, authentication)),
                                settings.timeouts().body())),
                        errors))));
        // Undertow runs the worker threads; the listeners are ours, so that its parser's refusals are JSON too.
        this.undertow = Undertow.builder().build();
        this.httpOptions = OptionMap.builder()
                .set(UndertowOptions.MAX_ENTITY_SIZE, LingeringClose.undertowEntityLimit(settings.maxBodyBytes()))
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int)
                        settings.timeouts().headers().toMillis())
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int)
                        settings.timeouts().idle().toMillis())
                .getMap();
        this.address = new InetSocketAddress(settings.host(), settings.port());
        this.tls = edge.tls();
    }

    /**
     * A listener on {@code address}: Undertow's own open listener, beneath which {@link JsonRefusalOpenListener}
     * puts its layer; with TLS, inside Undertow's TLS connections, TLS 1.2 and 1.3 only.
     */
    private AcceptingChannel<? extends StreamConnection> listen(InetSocketAddress address, TlsSettings tls)
            throws IOException {
        HttpOpenListener http = new HttpOpenListener(buffers, httpOptions);
        // nosniff on every answer, API and files alike: a browser never runs a JSON answer as script or style.
        http.setRootHandler(
                new SetHeaderHandler(this::refuseWhenStopping, Headers.X_CONTENT_TYPE_OPTIONS_STRING, "nosniff"));
        JsonRefusalOpenListener open = new JsonRefusalOpenListener(http);
        AcceptingChannel<? extends StreamConnection> channel;
        if (tls == null) {
            channel = undertow.getWorker()
                    .createStreamConnectionServer(address, ChannelListeners.openListenerAdapter(open), SOCKET_OPTIONS);
        } else {
            OptionMap options = OptionMap.builder()
                    .addAll(SOCKET_OPTIONS)
                    .set(Options.SSL_ENABLED_PROTOCOLS, Sequence.of(TlsSettings.PROTOCOLS))
                    .getMap();
            channel = new UndertowXnioSsl(Xnio.getInstance(), OptionMap.EMPTY, tls.context())
                    .createSslConnectionServer(
                            undertow.getWorker(),
                            address,
                            ChannelListeners.<SslConnection>openListenerAdapter(open),
                            options);
        }
        channel.resumeAccepts();
        return channel;
    }

    /** Starts a server on the settings' address, with meters in memory; port 0 picks a free one, see {@link #port()}. */
    public static ChatServer start(ServerSettings settings, ChatUseCases useCases) {
        return start(settings, useCases, ServerOperations.inMemory());
    }

    /** Starts a server that records its figures in, and answers health and metrics requests from, the operations. */
    public static ChatServer start(ServerSettings settings, ChatUseCases useCases, ServerOperations operations) {
        return start(settings, useCases, operations, RequestIdentity.SUBJECT_OR_ADDRESS);
    }

    /** Starts a server whose limits count each request against {@code identity} (tests pick their own). */
    public static ChatServer start(
            ServerSettings settings, ChatUseCases useCases, ServerOperations operations, RequestIdentity identity) {
        ChatServer server = new ChatServer(settings, useCases, operations, identity);
        server.undertow.start();
        InetSocketAddress listening = server.address;
        try {
            server.listener = server.listen(listening, null);
            if (server.tls.isPresent()) {
                listening = new InetSocketAddress(
                        server.address.getAddress(), server.tls.get().port());
                server.tlsListener = server.listen(listening, server.tls.get());
            }
        } catch (IOException e) {
            IoUtils.safeClose(server.listener);
            server.undertow.stop();
            server.buffers.close();
            // The cause stays the BindException, which the application reports as a port in use.
            throw new UncheckedIOException("cannot listen on " + listening, e);
        }
        LOG.info("Listening on http://{}:{}", settings.host(), server.port());
        if (settings.edge().tls().isPresent()) {
            LOG.info("Listening on https://{}:{} (TLS 1.2 and 1.3)", settings.host(), server.tlsPort());
        }
        OpenAccessWarning.logIfOpen(settings.auth(), settings.host());
        return server;
    }

    /** The plain HTTP port. */
    public int port() {
        return listener.getLocalAddress(InetSocketAddress.class).getPort();
    }

    /** The HTTPS (and WSS) port, when TLS is configured. */
    public int tlsPort() {
        if (tlsListener == null) {
            throw new IllegalStateException("no https listener");
        }
        return tlsListener.getLocalAddress(InetSocketAddress.class).getPort();
    }

    /** WebSocket sessions open or completing their handshake. */
    public int webSocketSessions() {
        return webSockets.sessionCount();
    }

    /** Paths and the methods each accepts. */
    public Map<String, Set<String>> routes() {
        return routes.methodsByPath();
    }

    /**
     * Answers every new request 503 at once; requests already running go on. (The listening socket stays open until
     * {@link #close}: a suspended one would let new connections hang in the kernel's backlog instead.)
     */
    public void stopAccepting() {
        stopping = true;
        graceful.shutdown();
    }

    /** Once stopping, every new request gets the API's JSON 503 on a connection that then closes. */
    private void refuseWhenStopping(HttpServerExchange exchange) throws Exception {
        if (!stopping) {
            graceful.handleRequest(exchange);
            return;
        }
        exchange.setPersistent(false);
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
        exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
        ErrorResponses.send(exchange, StatusCodes.SERVICE_UNAVAILABLE, "the server is shutting down; retry shortly");
    }

    /** Closes every WebSocket with 1001 (going away): clients reconnect elsewhere with {@code after}. */
    public void closeWebSockets() {
        webSockets.close();
    }

    /** Waits until the requests still running are answered, or the time is up; true when they all were. */
    public boolean awaitRequests(Duration timeout) {
        try {
            return graceful.awaitShutdown(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops at once what the steps above did not: refuses new requests, closes WebSockets, lets running ones finish briefly. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            // A second close would wait forever on the stopped worker to cancel the listener's key.
            return;
        }
        stopAccepting();
        closeWebSockets();
        awaitRequests(DRAIN);
        IoUtils.safeClose(listener);
        IoUtils.safeClose(tlsListener);
        undertow.stop();
        authentication.close();
        buffers.close();
    }
}
