package dev.chatgopher.transport;

import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.transport.health.HealthHandler;
import dev.chatgopher.transport.http.AccessLogHandler;
import dev.chatgopher.transport.http.ErrorMappingHandler;
import dev.chatgopher.transport.http.ErrorResponses;
import dev.chatgopher.transport.http.GetHistoryHandler;
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
import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import io.undertow.util.StatusCodes;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP and WebSocket server: routes, error mapping and lifecycle around the use cases. It stops in steps, so
 * that the application can drain: {@link #stopAccepting}, {@link #closeWebSockets}, {@link #awaitRequests},
 * {@link #close}.
 */
public final class ChatServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);
    private static final Duration DRAIN = Duration.ofSeconds(5);

    private final Undertow undertow;
    private final GracefulShutdownHandler graceful;
    private final WebSocketEndpoint webSockets;
    private final Routes routes;
    private volatile boolean stopping;

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
        this.graceful = new GracefulShutdownHandler(
                new AccessLogHandler(new ErrorMappingHandler(new StrictFramingHandler(routes.handler()), errors)));
        this.undertow = Undertow.builder()
                .addHttpListener(settings.port(), settings.host())
                .setServerOption(
                        UndertowOptions.MAX_ENTITY_SIZE, LingeringClose.undertowEntityLimit(settings.maxBodyBytes()))
                .setHandler(this::refuseWhenStopping)
                .build();
    }

    /** Starts a server on the settings' address, with meters in memory; port 0 picks a free one, see {@link #port()}. */
    public static ChatServer start(ServerSettings settings, ChatUseCases useCases) {
        return start(settings, useCases, ServerOperations.inMemory());
    }

    /** Starts a server that records its figures in, and answers health and metrics requests from, the operations. */
    public static ChatServer start(ServerSettings settings, ChatUseCases useCases, ServerOperations operations) {
        ChatServer server = new ChatServer(settings, useCases, operations);
        server.undertow.start();
        LOG.info("Listening on http://{}:{}", settings.host(), server.port());
        return server;
    }

    public int port() {
        return ((InetSocketAddress) undertow.getListenerInfo().getFirst().getAddress()).getPort();
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
        stopAccepting();
        closeWebSockets();
        awaitRequests(DRAIN);
        undertow.stop();
    }
}
