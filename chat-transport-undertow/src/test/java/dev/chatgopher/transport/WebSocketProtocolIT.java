package dev.chatgopher.transport;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.testing.ClientFrames;
import dev.chatgopher.transport.testing.RawWebSocket;
import dev.chatgopher.transport.ws.WebSocketSettings;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The WebSocket protocol (RFC 6455) as the server speaks it, checked byte by byte with a plain socket. Nothing a
 * client sends after a close frame, the server's or its own, is stored; that a text sent just before one is stored
 * is {@link AutobahnClosingIT#case_7_1_1_a_message_then_a_close_is_stored_and_the_close_echoed}.
 */
class WebSocketProtocolIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void a_ping_is_answered_with_a_pong_carrying_the_same_payload() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            client.send(ClientFrames.frame(true, ClientFrames.PING, "are you there?"));

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
            client.send(ClientFrames.close(1000, ""));

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
            client.send(ClientFrames.frame(true, ClientFrames.TEXT, new byte[] {(byte) 0xC0, (byte) 0xAF}));

            assertEquals(1007, client.readFrame(WAIT).closeCode());
        }
    }

    @Test
    void a_fragmented_message_is_sent_like_a_whole_one() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            client.send(ClientFrames.frame(false, ClientFrames.TEXT, "{\"text\": \"in "));
            client.send(ClientFrames.frame(true, ClientFrames.CONTINUATION, "two parts\"}"));

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

    @Test
    void a_text_sent_after_the_server_closed_for_a_binary_frame_is_not_stored() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            // One write: the server reads the text right after the binary frame it closed the session for.
            client.send(ClientFrames.concat(
                    ClientFrames.frame(true, ClientFrames.BINARY, new byte[] {1, 2, 3}),
                    ClientFrames.text("{\"text\": \"after the server's close\"}")));

            assertEquals(1003, client.readClose(WAIT).closeCode());
            client.send(ClientFrames.text("{\"text\": \"after reading the server's close\"}"));
            client.send(ClientFrames.close(1003, ""));
            client.shutdownOutput();
            chat.awaitNoWebSocketSessions();
        }

        assertEquals(List.of(), chat.storedTexts());
    }

    @Test
    void a_text_sent_after_the_server_closed_for_shutdown_is_not_stored() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            chat.server.closeWebSockets();

            assertEquals(1001, client.readClose(WAIT).closeCode());
            client.send(ClientFrames.text("{\"text\": \"after the server's close\"}"));
            client.shutdownOutput();
            chat.awaitNoWebSocketSessions();
        }

        assertEquals(List.of(), chat.storedTexts());
    }

    @Test
    void a_text_sent_after_a_protocol_violation_is_not_stored() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            client.send(ClientFrames.concat(
                    ClientFrames.unmasked(true, ClientFrames.TEXT, "{\"text\": \"unmasked\"}".getBytes(UTF_8)),
                    ClientFrames.text("{\"text\": \"after the violation\"}")));

            assertEquals(1002, client.readClose(WAIT).closeCode());
            client.shutdownOutput();
            chat.awaitNoWebSocketSessions();
        }

        assertEquals(List.of(), chat.storedTexts());
    }

    @Test
    void a_text_sent_after_the_clients_own_close_is_not_stored() throws Exception {
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            client.send(ClientFrames.close(1000, "done"));
            client.send(ClientFrames.text("{\"text\": \"after my close\"}"));

            assertEquals(1000, client.readClose(WAIT).closeCode());
            client.send(ClientFrames.text("{\"text\": \"after the server's answer\"}"));
            client.shutdownOutput();
            chat.awaitNoWebSocketSessions();
        }

        assertEquals(List.of(), chat.storedTexts());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "an unmasked text frame, 1002",
        "an unmasked ping, 1002",
        "an unmasked close, 1002",
        "a 64-bit length with the top bit set, 1002",
        "a header declaring one byte over the limit, 1009",
        "a header declaring a terabyte, 1009",
        "fragments adding up past the limit, 1009",
        "a text over the limit in one frame, 1009",
    })
    void a_malformed_frame_gets_its_close_code_stores_nothing_and_others_are_still_served(String what, int code)
            throws Exception {
        byte[] hostile = switch (what) {
            case "an unmasked text frame" ->
                ClientFrames.unmasked(true, ClientFrames.TEXT, "{\"text\": \"unmasked\"}".getBytes(UTF_8));
            case "an unmasked ping" -> ClientFrames.unmasked(true, ClientFrames.PING, new byte[] {1});
            case "an unmasked close" -> ClientFrames.unmasked(true, ClientFrames.CLOSE, new byte[] {3, (byte) 0xE8});
            case "a 64-bit length with the top bit set" -> ClientFrames.headerDeclaring(Long.MIN_VALUE + 5);
            case "a header declaring one byte over the limit" -> ClientFrames.headerDeclaring(65_537);
            case "a header declaring a terabyte" -> ClientFrames.headerDeclaring(1L << 40);
            case "fragments adding up past the limit" ->
                ClientFrames.concat(
                        ClientFrames.frame(false, ClientFrames.TEXT, "{\"text\": \"" + "a".repeat(40_000)),
                        ClientFrames.frame(true, ClientFrames.CONTINUATION, "b".repeat(30_000) + "\"}"));
            case "a text over the limit in one frame" ->
                ClientFrames.text("{\"text\": \"" + "x".repeat(70_000) + "\"}");
            default -> throw new IllegalArgumentException(what);
        };
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            client.send(hostile);

            assertEquals(code, client.readClose(WAIT).closeCode());
            assertTrue(client.closedByServerWithin(WAIT));
        }
        chat.awaitNoWebSocketSessions();
        try (RawWebSocket other = RawWebSocket.connect(chat.server.port(), "/ws")) {
            other.send(ClientFrames.text("{\"text\": \"still served\"}"));
            assertTrue(other.readFrame(WAIT).text().contains("\"text\":\"still served\""));
        }
        assertEquals(List.of("still served"), chat.storedTexts());
    }

    @Test
    void a_client_that_pings_without_reading_gets_its_latest_ping_answered_not_a_pong_for_each() throws Exception {
        int pings = 200_000; // 26 MB of pings: their pongs would be far more than the kernel's socket buffers hold
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            for (int from = 0; from < pings; from += 1_000) {
                byte[][] batch = new byte[1_000][];
                for (int i = 0; i < batch.length; i++) {
                    batch[i] = ClientFrames.frame(true, ClientFrames.PING, pingPayload(from + i));
                }
                client.send(ClientFrames.concat(batch));
            }

            int pongs = 0;
            int lastAnswered = -1;
            while (lastAnswered < pings - 1) {
                RawWebSocket.Frame pong = client.readFrame(WAIT);
                assertEquals(ClientFrames.PONG, pong.opcode());
                int answered =
                        Integer.parseInt(pong.text().substring(5, pong.text().indexOf('.')));
                assertTrue(answered > lastAnswered, "pongs in the order of their pings");
                lastAnswered = answered;
                pongs++;
            }

            assertTrue(pongs < pings / 2, pongs + " pongs for " + pings + " pings: one was queued for each");
        }
    }

    /** "ping 42" padded with dots to the largest control payload. */
    private static String pingPayload(int index) {
        String payload = "ping " + index + ".";
        return payload + ".".repeat(125 - payload.length());
    }

    @Test
    void a_client_stuck_in_the_middle_of_a_frame_is_closed_by_the_heartbeat_and_stores_nothing() throws Exception {
        WebSocketSettings quickHeartbeat =
                WebSocketSettings.DEFAULT.withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(300));
        try (InMemoryChat quick = new InMemoryChat(ServerSettings.ephemeral().withWebSocket(quickHeartbeat));
                RawWebSocket stuck = RawWebSocket.connect(quick.server.port(), "/ws")) {
            byte[] frame = ClientFrames.text("{\"text\": \"never finished\"}");
            stuck.send(Arrays.copyOf(frame, frame.length - 3)); // a ping in the middle of a frame cannot be answered

            assertEquals(1001, stuck.readClose(WAIT).closeCode());
            stuck.send(Arrays.copyOfRange(frame, frame.length - 3, frame.length));
            stuck.shutdownOutput();
            quick.awaitNoWebSocketSessions();
            assertEquals(List.of(), quick.storedTexts());
        }
    }

    @Test
    void a_client_that_sends_bad_frames_without_reading_the_answers_is_closed_as_a_slow_consumer() throws Exception {
        int frames = 300_000; // their error answers are more than the kernel's socket buffers and the 4096-frame bound
        try (RawWebSocket client = RawWebSocket.connect(chat.server.port(), "/ws")) {
            byte[] notJson = ClientFrames.text("x");
            for (int from = 0; from < frames; from += 10_000) {
                byte[][] batch = new byte[10_000][];
                Arrays.fill(batch, notJson);
                client.send(ClientFrames.concat(batch));
            }

            RawWebSocket.Frame close = client.readClose(WAIT);

            assertEquals(1008, close.closeCode());
            assertEquals("slow consumer", close.closeReason());
        }
        assertEquals(List.of(), chat.storedTexts());
    }
}
