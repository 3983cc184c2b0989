package dev.chatgopher.transport;

import dev.chatgopher.transport.http.AccessLogHandler;
import dev.chatgopher.transport.http.ErrorMappingHandler;
import dev.chatgopher.transport.http.ErrorResponses;
import dev.chatgopher.transport.http.GetHistoryHandler;
import dev.chatgopher.transport.http.MetricsHandler;
import dev.chatgopher.transport.http.PostMessageHandler;
import dev.chatgopher.transport.http.Routes;
import dev.chatgopher.transport.web.WebRoutes;
import dev.chatgopher.transport.ws.WebSocketEndpoint;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.handlers.BlockingHandler;
import io.undertow.server.handlers.GracefulShutdownHandler;
import io.undertow.util.Methods;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP and WebSocket server: routes, error mapping and lifecycle around the use cases. */
public final class ChatServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ChatServer.class);
    private static final long DRAIN_MILLIS = 5_000;

    private final Undertow undertow;
    private final GracefulShutdownHandler graceful;
    private final WebSocketEndpoint webSockets;
    private final Routes routes;

    private ChatServer(ServerSettings settings, ChatUseCases useCases, Supplier<String> metrics) {
        ErrorResponses errors = new ErrorResponses(settings.maxBodyBytes());
        this.webSockets = new WebSocketEndpoint(useCases.send(), useCases.history(), useCases.subscribe(),
                settings.webSocket(), settings.maxBodyBytes());
        this.routes = new Routes()
                .add(Methods.POST, "/api/messages", new PostMessageHandler(useCases.send(), errors, settings.maxBodyBytes()))
                .add(Methods.GET, "/api/messages", new GetHistoryHandler(useCases.history(), errors))
                .add(Methods.GET, "/ws", webSockets.handler())
                // The scrape runs on a worker thread, where the error mapping around the routes no longer reaches.
                .add(Methods.GET, "/metrics", new BlockingHandler(new ErrorMappingHandler(new MetricsHandler(metrics), errors)));
        WebRoutes.addTo(routes);
        this.graceful = new GracefulShutdownHandler(new AccessLogHandler(new ErrorMappingHandler(routes.handler(), errors)));
        this.undertow = Undertow.builder()
                .addHttpListener(settings.port(), settings.host())
                .setServerOption(UndertowOptions.MAX_ENTITY_SIZE, (long) settings.maxBodyBytes())
                .setHandler(graceful)
                .build();
    }

    /** Starts a server on the settings' address; port 0 picks a free one, see {@link #port()}. */
    public static ChatServer start(ServerSettings settings, ChatUseCases useCases) {
        return start(settings, useCases, () -> "");
    }

    /**
     * Starts a server that also answers {@code GET /metrics} with what {@code metrics} returns: a scrape in the
     * Prometheus text format.
     */
    public static ChatServer start(ServerSettings settings, ChatUseCases useCases, Supplier<String> metrics) {
        ChatServer server = new ChatServer(settings, useCases, metrics);
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

    /** Refuses new requests, lets running ones finish briefly, closes WebSockets with 1001, then stops. */
    @Override
    public void close() {
        graceful.shutdown();
        webSockets.close();
        try {
            graceful.awaitShutdown(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        undertow.stop();
    }
}
