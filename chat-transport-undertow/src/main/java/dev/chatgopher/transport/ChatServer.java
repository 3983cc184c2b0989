package dev.chatgopher.transport;

import dev.chatgopher.domain.model.RoomId;
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
import dev.chatgopher.transport.web.WebRoutes;
import dev.chatgopher.transport.ws.WebSocketEndpoint;
import dev.chatgopher.transport.ws.WebSocketMetrics;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.connector.ByteBufferPool;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.server.protocol.http.HttpOpenListener;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.ChannelListeners;
import org.xnio.IoUtils;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.StreamConnection;
import org.xnio.channels.AcceptingChannel;

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
    private volatile AcceptingChannel<StreamConnection> listener;
    private final GracefulShutdownHandler graceful;
    private final WebSocketEndpoint webSockets;
    private final Routes routes;
    private volatile boolean stopping;
    private final AtomicBoolean closed = new AtomicBoolean();

    private ChatServer(ServerSettings settings, ChatUseCases useCases, ServerOperations operations) {
        ErrorResponses errors = new ErrorResponses(settings.maxBodyBytes());
        RoomId defaultRoom = settings.rooms().defaultRoom();
        this.webSockets = new WebSocketEndpoint(
                useCases.send(),
                useCases.history(),
                useCases.subscribe(),
                settings.webSocket(),
                settings.rooms(),
                settings.maxBodyBytes(),
                new WebSocketMetrics(operations.meters()));
        this.routes = new Routes(operations.meters())
                .add(
                        Methods.POST,
                        "/api/messages",
                        new PostMessageHandler(
                                useCases.send(), RoomOfRequest.fixed(defaultRoom), errors, settings.maxBodyBytes()))
                .add(
                        Methods.GET,
                        "/api/messages",
                        ErrorMappingHandler.blocking(
                                GetHistoryHandler.rangeOnly(useCases.history(), defaultRoom), errors))
                .add(
                        Methods.POST,
                        "/api/rooms/{room}/messages",
                        new PostMessageHandler(
                                useCases.send(), RoomOfRequest.fromPath(), errors, settings.maxBodyBytes()))
                .add(
                        Methods.GET,
                        "/api/rooms/{room}/messages",
                        ErrorMappingHandler.blocking(GetHistoryHandler.rangeOrPage(useCases.history()), errors))
                .add(
                        Methods.GET,
                        "/api/rooms",
                        ErrorMappingHandler.blocking(new ListRoomsHandler(useCases.history()), errors))
                .add(Methods.GET, "/ws", webSockets.handler())
                .add(Methods.GET, "/health/live", HealthHandler.live())
                .add(Methods.GET, "/health/ready", HealthHandler.ready(operations.readiness()))
                .add(
                        Methods.GET,
                        "/metrics",
                        ErrorMappingHandler.blocking(new MetricsHandler(operations.metricsScrape()), errors));
        WebRoutes.addTo(routes);
        this.graceful = new GracefulShutdownHandler(new AccessLogHandler(new ErrorMappingHandler(
                new StrictFramingHandler(new BodyDeadlineHandler(
                        routes.handler(), settings.timeouts().body())),
                errors)));
        // Undertow runs the worker threads; the listener is ours, so that its parser's refusals are JSON too.
        this.undertow = Undertow.builder().build();
        this.httpOptions = OptionMap.builder()
                .set(UndertowOptions.MAX_ENTITY_SIZE, LingeringClose.undertowEntityLimit(settings.maxBodyBytes()))
                .set(UndertowOptions.REQUEST_PARSE_TIMEOUT, (int)
                        settings.timeouts().headers().toMillis())
                .set(UndertowOptions.NO_REQUEST_TIMEOUT, (int)
                        settings.timeouts().idle().toMillis())
                .getMap();
        this.address = new InetSocketAddress(settings.host(), settings.port());
    }

    /** The HTTP listener: Undertow's own open listener, beneath which {@link JsonRefusalOpenListener} puts its layer. */
    private AcceptingChannel<StreamConnection> listen() throws IOException {
        HttpOpenListener http = new HttpOpenListener(buffers, httpOptions);
        http.setRootHandler(this::refuseWhenStopping);
        AcceptingChannel<StreamConnection> channel = undertow.getWorker()
                .createStreamConnectionServer(
                        address,
                        ChannelListeners.openListenerAdapter(new JsonRefusalOpenListener(http)),
                        SOCKET_OPTIONS);
        channel.resumeAccepts();
        return channel;
    }

    /** Starts a server on the settings' address, with meters in memory; port 0 picks a free one, see {@link #port()}. */
    public static ChatServer start(ServerSettings settings, ChatUseCases useCases) {
        return start(settings, useCases, ServerOperations.inMemory());
    }

    /** Starts a server that records its figures in, and answers health and metrics requests from, the operations. */
    public static ChatServer start(ServerSettings settings, ChatUseCases useCases, ServerOperations operations) {
        ChatServer server = new ChatServer(settings, useCases, operations);
        server.undertow.start();
        try {
            server.listener = server.listen();
        } catch (IOException e) {
            server.undertow.stop();
            server.buffers.close();
            // The cause stays the BindException, which the application reports as a port in use.
            throw new UncheckedIOException("cannot listen on " + server.address, e);
        }
        LOG.info("Listening on http://{}:{}", settings.host(), server.port());
        return server;
    }

    public int port() {
        return listener.getLocalAddress(InetSocketAddress.class).getPort();
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
        undertow.stop();
        buffers.close();
    }
}
