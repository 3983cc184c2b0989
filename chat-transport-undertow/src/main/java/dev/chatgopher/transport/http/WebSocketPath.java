package dev.chatgopher.transport.http;

/** Where the WebSocket endpoint listens, for the route table and for the steps ahead of it that treat it apart. */
public final class WebSocketPath {

    public static final String PATH = "/ws";

    private WebSocketPath() {}

    /** Whether a request's path is the WebSocket endpoint's (or below it). */
    public static boolean matches(String requestPath) {
        return requestPath.equals(PATH) || requestPath.startsWith(PATH + "/");
    }
}
