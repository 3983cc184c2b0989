package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.testing.RawWebSocket;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** The WebSocket protocol (RFC 6455) as the server speaks it, checked byte by byte with a plain socket. */
class WebSocketProtocolIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void a_ping_is_answered_with_a_pong_carrying_the_same_payload() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            client.send(clientFrame(0x9, "are you there?"));

            RawWebSocket.Frame pong = client.readFrame(WAIT);

            assertEquals(0xA, pong.opcode());
            assertEquals("are you there?", pong.text());
        }
    }

    @Test
    void a_message_frame_is_final_unmasked_text_holding_the_json() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            String posted = chat.http
                    .postJson("{\"sequence\": 1, \"text\": \"framed\"}")
                    .body();

            RawWebSocket.Frame frame = client.readFrame(WAIT);

            assertEquals(0x1, frame.opcode());
            assertEquals(posted, frame.text());
        }
    }

    @Test
    void a_client_close_is_echoed_and_the_connection_ends() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            client.send(clientFrame(0x8, new byte[] {0x03, (byte) 0xE8})); // 1000

            RawWebSocket.Frame close = client.readFrame(WAIT);

            assertEquals(0x8, close.opcode());
            assertEquals(1000, close.closeCode());
            assertTrue(client.closedByServerWithin(WAIT));
        }
    }

    @Test
    void an_unmasked_client_frame_is_a_protocol_error() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            client.send(new byte[] {(byte) 0x81, 0x02, 'h', 'i'});

            RawWebSocket.Frame close = client.readFrame(WAIT);

            assertEquals(0x8, close.opcode());
            assertEquals(1002, close.closeCode());
        }
    }

    @Test
    void text_that_is_not_utf8_is_refused_with_1007() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            client.send(clientFrame(0x1, new byte[] {(byte) 0xC0, (byte) 0xAF}));

            assertEquals(1007, client.readFrame(WAIT).closeCode());
        }
    }

    @Test
    void a_fragmented_message_is_sent_like_a_whole_one() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            byte[] first = clientFrame(0x1, "{\"text\": \"in ");
            first[0] &= 0x7F; // not final
            byte[] last = clientFrame(0x0, "two parts\"}");
            client.send(first);
            client.send(last);

            RawWebSocket.Frame broadcast = client.readFrame(WAIT);

            assertTrue(broadcast.text().contains("\"text\":\"in two parts\""), broadcast.text());
        }
    }

    @Test
    void an_unsupported_version_is_answered_426_naming_the_supported_one() throws Exception {
        try (Socket socket = new Socket("localhost", chat.server.port())) {
            socket.getOutputStream()
                    .write(("GET /ws HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 8\r\n\r\n")
                            .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout((int) WAIT.toMillis());
            StringBuilder answer = new StringBuilder();
            InputStream in = socket.getInputStream();
            while (!answer.toString().endsWith("}")) {
                answer.append((char) in.read());
            }

            assertTrue(answer.toString().startsWith("HTTP/1.1 426"), answer.toString());
            assertTrue(answer.toString().toLowerCase().contains("sec-websocket-version: 13"), answer.toString());
            assertTrue(
                    answer.toString().endsWith("{\"error\":\"only WebSocket version 13 is supported\"}"),
                    answer.toString());
        }
    }

    private static byte[] clientFrame(int opcode, String payload) {
        return clientFrame(opcode, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** A final, masked client frame of up to 125 bytes. */
    private static byte[] clientFrame(int opcode, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0x80 | opcode);
        out.write(0x80 | payload.length);
        byte[] key = {0x11, 0x22, 0x33, 0x44};
        out.writeBytes(key);
        for (int i = 0; i < payload.length; i++) {
            out.write(payload[i] ^ key[i & 3]);
        }
        return out.toByteArray();
    }
}
