package dev.chatgopher.transport;

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
 * @param timeouts      how long a request's headers, and an idle connection, may hold a connection
 */
public record ServerSettings(
        String host,
        int port,
        int maxBodyBytes,
        WebSocketSettings webSocket,
        RoomSettings rooms,
        RequestTimeouts timeouts) {

    public ServerSettings {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("port must be 0 to 65535, got " + port);
        }
        Objects.requireNonNull(webSocket, "webSocket");
        Objects.requireNonNull(rooms, "rooms");
        Objects.requireNonNull(timeouts, "timeouts");
        if (maxBodyBytes < 64) {
            throw new IllegalArgumentException("the body limit must be at least 64 bytes, got " + maxBodyBytes);
        }
    }

    /** Settings with the default request timeouts. */
    public ServerSettings(String host, int port, int maxBodyBytes, WebSocketSettings webSocket, RoomSettings rooms) {
        this(host, port, maxBodyBytes, webSocket, rooms, RequestTimeouts.DEFAULT);
    }

    /** Settings for tests and embedding: localhost, a free port, the default limits. */
    public static ServerSettings ephemeral() {
        return new ServerSettings("localhost", 0, 65_536, WebSocketSettings.DEFAULT, RoomSettings.DEFAULT);
    }

    public ServerSettings withWebSocket(WebSocketSettings settings) {
        return new ServerSettings(host, port, maxBodyBytes, settings, rooms, timeouts);
    }

    public ServerSettings withRooms(RoomSettings settings) {
        return new ServerSettings(host, port, maxBodyBytes, webSocket, settings, timeouts);
    }

    public ServerSettings withTimeouts(RequestTimeouts settings) {
        return new ServerSettings(host, port, maxBodyBytes, webSocket, rooms, settings);
    }
}
