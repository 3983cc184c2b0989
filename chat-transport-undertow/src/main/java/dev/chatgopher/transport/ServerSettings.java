package dev.chatgopher.transport;

import dev.chatgopher.transport.auth.AuthSettings;
import dev.chatgopher.transport.ws.WebSocketSettings;
import java.util.Objects;

/**
 * How the HTTP server listens and what it accepts.
 *
 * @param host          interface to bind ({@code localhost} unless asked otherwise)
 * @param port          TCP port; 0 picks a free one
 * @param maxBodyBytes  largest POST body and largest inbound WebSocket frame
 * @param webSocket     per-session queue bound and heartbeats
 * @param rooms         the default room and how many rooms one WebSocket may follow
 * @param edge          browser origins, trusted proxies, abuse limits and TLS
 * @param auth          whether requests need a token, and how tokens are verified
 * @param timeouts      how long a request's headers and body, and an idle connection, may hold a connection
 */
public record ServerSettings(
        String host,
        int port,
        int maxBodyBytes,
        WebSocketSettings webSocket,
        RoomSettings rooms,
        EdgeSettings edge,
        AuthSettings auth,
        RequestTimeouts timeouts) {

    public ServerSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        Objects.requireNonNull(webSocket, "webSocket");
        Objects.requireNonNull(rooms, "rooms");
        Objects.requireNonNull(edge, "edge");
        Objects.requireNonNull(auth, "auth");
        Objects.requireNonNull(timeouts, "timeouts");
        if (maxBodyBytes < 64) {
            throw new IllegalArgumentException("the body limit must be at least 64 bytes, got " + maxBodyBytes);
        }
    }

    /**
     * Settings with tokens off, the default edge (local origins, no proxies, no limits, no TLS) and the default
     * request timeouts.
     */
    public ServerSettings(String host, int port, int maxBodyBytes, WebSocketSettings webSocket, RoomSettings rooms) {
        this(
                host,
                port,
                maxBodyBytes,
                webSocket,
                rooms,
                EdgeSettings.DEFAULT,
                AuthSettings.OFF,
                RequestTimeouts.DEFAULT);
    }

    /** Settings for tests and embedding: localhost, a free port, the default limits. */
    public static ServerSettings ephemeral() {
        return new ServerSettings("localhost", 0, 65_536, WebSocketSettings.DEFAULT, RoomSettings.DEFAULT);
    }

    public ServerSettings withWebSocket(WebSocketSettings settings) {
        return new ServerSettings(host, port, maxBodyBytes, settings, rooms, edge, auth, timeouts);
    }

    public ServerSettings withRooms(RoomSettings settings) {
        return new ServerSettings(host, port, maxBodyBytes, webSocket, settings, edge, auth, timeouts);
    }

    public ServerSettings withEdge(EdgeSettings settings) {
        return new ServerSettings(host, port, maxBodyBytes, webSocket, rooms, settings, auth, timeouts);
    }

    public ServerSettings withAuth(AuthSettings settings) {
        return new ServerSettings(host, port, maxBodyBytes, webSocket, rooms, edge, settings, timeouts);
    }

    public ServerSettings withTimeouts(RequestTimeouts settings) {
        return new ServerSettings(host, port, maxBodyBytes, webSocket, rooms, edge, auth, settings);
    }
}
