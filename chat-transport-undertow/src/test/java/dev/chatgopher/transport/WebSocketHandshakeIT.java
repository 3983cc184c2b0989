package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.testing.ClientFrames;
import dev.chatgopher.transport.testing.RawHttp;
import dev.chatgopher.transport.testing.RawWebSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Malformed WebSocket opening handshakes (RFC 6455 section 4.2.1) sent over a plain socket: each is refused before
 * any upgrade with a 4xx and the JSON error, no session is left behind, nothing is stored, and the server goes on
 * serving a well-formed client.
 */
class WebSocketHandshakeIT {

    private static final Duration WAIT = Duration.ofSeconds(5);
    private static final String KEY = "dGhlIHNhbXBsZSBub25jZQ==";
    private static final String UPGRADE = "Upgrade: websocket\r\n";
    private static final String CONNECTION = "Connection: Upgrade\r\n";
    private static final String VERSION = "Sec-WebSocket-Version: 13\r\n";
    private static final String WITH_KEY = "Sec-WebSocket-Key: " + KEY + "\r\n";

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void a_well_formed_handshake_is_answered_101_with_the_rfc_accept_key() throws Exception {
        RawHttp.Answer answer = handshake("GET /ws HTTP/1.1", UPGRADE + CONNECTION + VERSION + WITH_KEY, false);

        assertTrue(answer.statusLine().startsWith("HTTP/1.1 101"), answer.statusLine());
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", answer.header("Sec-WebSocket-Accept"));
    }

    @Test
    void an_offered_extension_and_subprotocol_are_declined_so_reserved_bits_stay_errors() throws Exception {
        RawHttp.Answer answer = handshake(
                "GET /ws HTTP/1.1",
                UPGRADE + CONNECTION + VERSION + WITH_KEY
                        + "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n"
                        + "Sec-WebSocket-Protocol: chat, superchat\r\n",
                false);

        assertTrue(answer.statusLine().startsWith("HTTP/1.1 101"), answer.statusLine());
        assertNull(answer.header("Sec-WebSocket-Extensions"), "no extension is negotiated");
        assertNull(answer.header("Sec-WebSocket-Protocol"), "no subprotocol is chosen");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "no Upgrade header",
                "no Connection header",
                "Upgrade to another protocol",
                "Upgrade naming websocket inside a longer word",
                "Connection without upgrade",
                "Connection naming upgrade inside a longer word",
            })
    void a_request_that_is_not_an_upgrade_is_a_json_400(String what) throws Exception {
        String headers = switch (what) {
            case "no Upgrade header" -> CONNECTION + VERSION + WITH_KEY;
            case "no Connection header" -> UPGRADE + VERSION + WITH_KEY;
            case "Upgrade to another protocol" -> "Upgrade: h2c\r\n" + CONNECTION + VERSION + WITH_KEY;
            case "Upgrade naming websocket inside a longer word" ->
                "Upgrade: notwebsocket\r\n" + CONNECTION + VERSION + WITH_KEY;
            case "Connection without upgrade" -> UPGRADE + "Connection: keep-alive\r\n" + VERSION + WITH_KEY;
            case "Connection naming upgrade inside a longer word" ->
                UPGRADE + "Connection: noupgrade\r\n" + VERSION + WITH_KEY;
            default -> throw new IllegalArgumentException(what);
        };

        assertRefused(
                handshake("GET /ws HTTP/1.1", headers, true),
                400,
                "this endpoint speaks WebSocket: send an HTTP/1.1 Upgrade request");
    }

    @Test
    void an_upgrade_over_http_1_0_is_a_json_400() throws Exception {
        assertRefused(
                handshake("GET /ws HTTP/1.0", UPGRADE + CONNECTION + VERSION + WITH_KEY, true),
                400,
                "this endpoint speaks WebSocket: send an HTTP/1.1 Upgrade request");
    }

    @ParameterizedTest(name = "Sec-WebSocket-Key: {0}")
    @ValueSource(
            strings = {
                "", // empty
                "not base64 at all!", // not base64
                "dGhlIHNhbXBsZSBub25jZQ", // 16 bytes, but the padding is missing
                "dGhlIHNhbXBsZSBub25j", // 15 bytes
                "dGhlIHNhbXBsZSBub25jZTEy", // 17 bytes
                "dGhlIHNhbXBsZSBub25jZQ==dGhlIHNhbXBsZSBub25jZQ==", // two keys run together
            })
    void an_invalid_key_is_a_json_400(String key) throws Exception {
        assertRefused(
                handshake(
                        "GET /ws HTTP/1.1",
                        UPGRADE + CONNECTION + VERSION + "Sec-WebSocket-Key: " + key + "\r\n",
                        true),
                400,
                "Sec-WebSocket-Key must be sent once, 16 bytes in base64");
    }

    @Test
    void a_missing_key_is_a_json_400() throws Exception {
        assertRefused(
                handshake("GET /ws HTTP/1.1", UPGRADE + CONNECTION + VERSION, true),
                400,
                "Sec-WebSocket-Key must be sent once, 16 bytes in base64");
    }

    @Test
    void a_key_sent_twice_is_a_json_400() throws Exception {
        assertRefused(
                handshake(
                        "GET /ws HTTP/1.1",
                        UPGRADE + CONNECTION + VERSION + WITH_KEY + "Sec-WebSocket-Key: AQIDBAUGBwgJCgsMDQ4PEA==\r\n",
                        true),
                400,
                "Sec-WebSocket-Key must be sent once, 16 bytes in base64");
    }

    @ParameterizedTest(name = "Sec-WebSocket-Version: {0}")
    @ValueSource(strings = {"8", "12", "14", "thirteen", "", "13, 8"})
    void another_version_is_a_json_426_naming_version_13(String version) throws Exception {
        RawHttp.Answer answer = handshake(
                "GET /ws HTTP/1.1",
                UPGRADE + CONNECTION + "Sec-WebSocket-Version: " + version + "\r\n" + WITH_KEY,
                true);

        assertRefused(answer, 426, "only WebSocket version 13 is supported");
        assertEquals("13", answer.header("Sec-WebSocket-Version"));
    }

    @Test
    void a_missing_version_is_a_json_426() throws Exception {
        assertRefused(
                handshake("GET /ws HTTP/1.1", UPGRADE + CONNECTION + WITH_KEY, true),
                426,
                "only WebSocket version 13 is supported");
    }

    @Test
    void a_version_sent_twice_is_a_json_426() throws Exception {
        assertRefused(
                handshake("GET /ws HTTP/1.1", UPGRADE + CONNECTION + VERSION + VERSION + WITH_KEY, true),
                426,
                "only WebSocket version 13 is supported");
    }

    @ParameterizedTest(name = "{0} /ws")
    @ValueSource(strings = {"POST", "PUT", "DELETE"})
    void another_method_than_get_is_a_json_405(String method) throws Exception {
        RawHttp.Answer answer = handshake(
                method + " /ws HTTP/1.1", UPGRADE + CONNECTION + VERSION + WITH_KEY + "Content-Length: 0\r\n", true);

        assertRefused(answer, 405, "method " + method + " is not allowed on /ws; use GET");
        assertEquals("GET", answer.header("Allow"));
    }

    @ParameterizedTest(name = "/ws?{0}")
    @ValueSource(
            strings = {
                "rooms=",
                "rooms=general,,random",
                "rooms=general,general",
                "rooms=general&rooms=random",
                "rooms=has%20a%20space",
                "rooms=%00",
                "rooms=,",
            })
    void a_bad_rooms_parameter_is_a_json_400(String query) throws Exception {
        RawHttp.Answer answer =
                handshake("GET /ws?" + query + " HTTP/1.1", UPGRADE + CONNECTION + VERSION + WITH_KEY, true);

        assertRefused(answer, 400, null);
        assertTrue(answer.body().contains("rooms"), answer.body());
    }

    @Test
    void too_many_rooms_is_a_json_400() throws Exception {
        StringBuilder rooms = new StringBuilder("room-0");
        for (int i = 1; i <= RoomSettings.DEFAULT.maxPerConnection(); i++) {
            rooms.append(",room-").append(i);
        }
        RawHttp.Answer answer =
                handshake("GET /ws?rooms=" + rooms + " HTTP/1.1", UPGRADE + CONNECTION + VERSION + WITH_KEY, true);

        assertRefused(answer, 400, null);
    }

    @ParameterizedTest(name = "/ws?{0}")
    @ValueSource(
            strings = {
                "after=",
                "after=-1",
                "after=abc",
                "after=1.5",
                "after=1e3",
                "after=0x10",
                "after=%2B1",
                "after=99999999999999999999",
                "after=9223372036854775808",
                "after=1&after=2",
                "after=%201",
            })
    void a_bad_after_parameter_is_a_json_400(String query) throws Exception {
        assertRefused(
                handshake("GET /ws?" + query + " HTTP/1.1", UPGRADE + CONNECTION + VERSION + WITH_KEY, true),
                400,
                "after must be the id of the last message received: a whole number from 0 to " + Long.MAX_VALUE);
    }

    /** Sends one handshake request on a fresh connection and reads the answer's head, and its body when asked. */
    private RawHttp.Answer handshake(String requestLine, String headers, boolean expectBody) throws Exception {
        try (Socket socket = new Socket("localhost", chat.server.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            String request = requestLine + "\r\nHost: localhost\r\n" + headers + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            if (expectBody) {
                return RawHttp.readAnswer(socket.getInputStream());
            }
            String head = RawHttp.readHeaders(socket.getInputStream());
            int endOfStatus = head.indexOf("\r\n");
            return new RawHttp.Answer(head.substring(0, endOfStatus), head.substring(endOfStatus + 2), "");
        }
    }

    /** A clean JSON refusal, no session left, nothing stored, and the server still serving a proper client. */
    private void assertRefused(RawHttp.Answer answer, int status, String message) throws Exception {
        assertTrue(answer.statusLine().matches("HTTP/1\\.[01] " + status + " .*"), answer.statusLine());
        assertEquals("application/json", answer.header("Content-Type"));
        if (message != null) {
            assertEquals("{\"error\":\"" + message + "\"}", answer.body());
        } else {
            assertTrue(answer.body().startsWith("{\"error\":\""), answer.body());
        }
        chat.awaitNoWebSocketSessions();
        try (RawWebSocket other = RawWebSocket.connect(chat.server.port(), "/ws")) {
            other.send(ClientFrames.text("{\"text\": \"still served\"}"));
            assertTrue(other.readFrame(WAIT).text().contains("\"text\":\"still served\""));
        }
        assertEquals(List.of("still served"), chat.storedTexts());
    }
}
