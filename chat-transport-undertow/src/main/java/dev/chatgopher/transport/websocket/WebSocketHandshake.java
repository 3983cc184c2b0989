package dev.chatgopher.transport.websocket;

import io.undertow.server.HttpServerExchange;
import io.undertow.util.HeaderMap;
import io.undertow.util.HeaderValues;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Protocols;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;

/** The opening handshake of RFC 6455 section 4.2: what the client must send, and the key the server answers. */
public final class WebSocketHandshake {

    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /** Why an upgrade request was refused: the HTTP status and the message for the client. */
    public record Refusal(int status, String message) {}

    private WebSocketHandshake() {}

    /** Returns why the request is not a valid WebSocket upgrade, or null when it is. */
    public static Refusal check(HttpServerExchange exchange) {
        HeaderMap headers = exchange.getRequestHeaders();
        if (!hasToken(headers, Headers.UPGRADE, "websocket")
                || !hasToken(headers, Headers.CONNECTION, "upgrade")
                || !exchange.getProtocol().equals(Protocols.HTTP_1_1)) {
            return new Refusal(400, "this endpoint speaks WebSocket: send an HTTP/1.1 Upgrade request");
        }
        if (headers.count(Headers.SEC_WEB_SOCKET_VERSION) != 1
                || !"13".equals(headers.getFirst(Headers.SEC_WEB_SOCKET_VERSION).trim())) {
            return new Refusal(426, "only WebSocket version 13 is supported");
        }
        if (headers.count(Headers.SEC_WEB_SOCKET_KEY) != 1
                || !isSixteenBytesOfBase64(
                        headers.getFirst(Headers.SEC_WEB_SOCKET_KEY).trim())) {
            return new Refusal(400, "Sec-WebSocket-Key must be sent once, 16 bytes in base64");
        }
        return null;
    }

    /** Whether a header holding a comma-separated token list (RFC 9110 section 5.6.1) names the token. */
    private static boolean hasToken(HeaderMap headers, HttpString name, String token) {
        HeaderValues values = headers.get(name);
        if (values == null) {
            return false;
        }
        for (String value : values) {
            for (String listed : value.split(",")) {
                if (listed.trim().toLowerCase(Locale.ROOT).equals(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The Sec-WebSocket-Accept value for a client's key. */
    public static String accept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key.trim() + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-1", e);
        }
    }

    /** Sixteen bytes are 24 base64 characters, the last two "=": Java's decoder would also take the key unpadded. */
    private static boolean isSixteenBytesOfBase64(String key) {
        try {
            return key.length() == 24 && Base64.getDecoder().decode(key).length == 16;
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
    }
}
