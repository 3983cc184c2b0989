package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.testing.ClientFrames;
import dev.chatgopher.transport.testing.RawWebSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Section 7 of the Autobahn WebSocket test suite's case list (close handling; cases named by their Autobahn
 * numbers), written as our own cases against a real server over a plain socket, because the suite itself cannot
 * run here. Where Autobahn expects an echo of a text message, this chat stores it instead, and the store is read.
 *
 * <p>A close code an endpoint may send is echoed; a close without a code is answered 1000.
 */
class AutobahnClosingIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @ParameterizedTest(name = "close code {0} is echoed")
    @ValueSource(
            ints = {1000, 1001, 1002, 1003, 1007, 1008, 1009, 1010, 1011, 1012, 1013, 1014, 3000, 3999, 4000, 4999})
    void case_7_7_a_close_code_an_endpoint_may_send_is_echoed(int code) throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.close(code, "bye"));

            assertEquals(code, client.readClose(WAIT).closeCode());
            assertTrue(client.closedByServerWithin(WAIT));
        }
    }

    @ParameterizedTest(name = "close code {0} is a protocol error")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 1100, 2000, 2999, 5000, 65535})
    void case_7_9_a_close_code_no_endpoint_may_send_is_answered_1002(int code) throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.close(code, ""));

            assertEquals(1002, client.readClose(WAIT).closeCode());
            assertTrue(client.closedByServerWithin(WAIT));
        }
    }

    @Test
    void case_7_3_1_a_close_without_payload_is_answered_1000() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.frame(true, ClientFrames.CLOSE, new byte[0]));

            assertEquals(1000, client.readClose(WAIT).closeCode());
        }
    }

    @Test
    void case_7_3_2_a_close_with_a_one_byte_payload_is_a_protocol_error() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.frame(true, ClientFrames.CLOSE, new byte[] {0x03}));

            assertEquals(1002, client.readClose(WAIT).closeCode());
        }
    }

    @Test
    void case_7_3_4_a_close_with_a_code_and_a_reason_is_echoed() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.close(1000, "Привет, done"));

            assertEquals(1000, client.readClose(WAIT).closeCode());
        }
    }

    @Test
    void case_7_3_5_a_close_of_the_largest_control_payload_is_echoed() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.close(1000, "*".repeat(123)));

            assertEquals(1000, client.readClose(WAIT).closeCode());
        }
    }

    @Test
    void case_7_3_6_a_close_payload_over_125_bytes_is_a_protocol_error() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.close(1000, "*".repeat(124)));

            assertEquals(1002, client.readClose(WAIT).closeCode());
        }
    }

    @Test
    void case_7_5_1_a_close_reason_that_is_not_utf8_is_answered_1007() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.close(
                    1000, new byte[] {'o', 'k', (byte) 0xCE, (byte) 0xBA, (byte) 0xE1, (byte) 0xBD}));

            assertEquals(1007, client.readClose(WAIT).closeCode());
        }
    }

    @Test
    void case_7_1_2_a_second_close_is_not_answered() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.concat(ClientFrames.close(1000, ""), ClientFrames.close(1001, "")));

            List<RawWebSocket.Frame> frames = client.readUntilClosed(WAIT);

            assertEquals(1, frames.size(), "one close frame, nothing else");
            assertEquals(1000, frames.getFirst().closeCode());
        }
    }

    @Test
    void case_7_1_3_a_ping_after_the_close_is_not_answered() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.concat(
                    ClientFrames.close(1000, ""), ClientFrames.frame(true, ClientFrames.PING, "after close")));

            List<RawWebSocket.Frame> frames = client.readUntilClosed(WAIT);

            assertEquals(1, frames.size(), "one close frame, no pong");
            assertEquals(ClientFrames.CLOSE, frames.getFirst().opcode());
        }
    }

    @Test
    void case_7_1_4_a_text_after_the_clients_close_is_not_stored() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.concat(
                    ClientFrames.close(1000, ""), ClientFrames.text("{\"text\": \"after my close\"}")));

            assertEquals(1000, client.readClose(WAIT).closeCode());
            client.shutdownOutput();
            chat.awaitNoWebSocketSessions();
        }

        assertEquals(List.of(), chat.storedTexts());
    }

    @Test
    void case_7_1_5_a_fragmented_message_finished_after_the_close_is_not_stored() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.concat(
                    ClientFrames.frame(false, ClientFrames.TEXT, "{\"text\": \"begun "),
                    ClientFrames.close(1000, ""),
                    ClientFrames.frame(true, ClientFrames.CONTINUATION, "and finished\"}")));

            assertEquals(1000, client.readClose(WAIT).closeCode());
            client.shutdownOutput();
            chat.awaitNoWebSocketSessions();
        }

        assertEquals(List.of(), chat.storedTexts());
    }

    @Test
    void case_7_1_1_a_message_then_a_close_is_stored_and_the_close_echoed() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.concat(
                    ClientFrames.text("{\"text\": \"before my close\"}"), ClientFrames.close(1000, "")));

            assertEquals(1000, client.readClose(WAIT).closeCode());
            client.shutdownOutput();
            chat.awaitNoWebSocketSessions();
        }

        assertEquals(List.of("before my close"), chat.storedTexts());
    }

    private RawWebSocket connect() throws IOException {
        return RawWebSocket.connect(chat.server.port(), "/ws");
    }
}
