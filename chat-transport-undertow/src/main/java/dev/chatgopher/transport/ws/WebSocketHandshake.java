package dev.chatgopher.transport.ws;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Protocols;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/** The opening handshake of RFC 6455 section 4.2: what the client must send, and the key the server answers. */
final class WebSocketHandshake {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Why an upgrade request was refused: the HTTP status and the message for the client. */
    record Refusal(int status, String message) {}

    private WebSocketHandshake() {}

    /** Returns why the request is not a valid WebSocket upgrade, or null when it is. */
    static Refusal check(HttpServerExchange exchange) {
        String upgrade = exchange.getRequestHeaders().getFirst(Headers.UPGRADE);
        String connection = exchange.getRequestHeaders().getFirst(Headers.CONNECTION);
        if (upgrade == null
                || !upgrade.toLowerCase(Locale.ROOT).contains("websocket")
                || connection == null
                || !connection.toLowerCase(Locale.ROOT).contains("upgrade")
                || !exchange.getProtocol().equals(Protocols.HTTP_1_1)) {
            return new Refusal(400, "this endpoint speaks WebSocket: send an HTTP/1.1 Upgrade request");
        }
        if (!"13".equals(exchange.getRequestHeaders().getFirst(Headers.SEC_WEB_SOCKET_VERSION))) {
            return new Refusal(426, "only WebSocket version 13 is supported");
        }
        String key = exchange.getRequestHeaders().getFirst(Headers.SEC_WEB_SOCKET_KEY);
        if (key == null || !isSixteenBytesOfBase64(key.trim())) {
            return new Refusal(400, "Sec-WebSocket-Key must be 16 bytes in base64");
        }
        return null;
    }

    /** The Sec-WebSocket-Accept value for a client's key. */
    static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    private static boolean isSixteenBytesOfBase64(String key) {
        try {
            return Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
