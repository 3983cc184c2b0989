package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.testing.ClientFrames;
import dev.chatgopher.transport.testing.RawWebSocket;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sections 1 to 4 of the Autobahn WebSocket test suite's case list (framing, pings and pongs, reserved bits,
 * opcodes; cases named by their Autobahn numbers), written as our own cases against a real server over a plain
 * socket, because the suite itself cannot run here.
 *
 * <p>Autobahn talks to an echo server; this one is a chat, so "echo" cases are adapted to what it does: a text
 * frame is a chat message (JSON padded with spaces to the frame size under test), stored and broadcast back to
 * the sender, whose copy proves the frame was read whole; a binary message is refused with 1003, because binary
 * frames are not part of the chat protocol (a documented difference from a generic echo server).
 */
class AutobahnFramingIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    // 1: framing

    @ParameterizedTest(name = "a text frame of {0} bytes")
    @ValueSource(ints = {30, 125, 126, 127, 128, 65_535, 65_536})
    void case_1_1_a_text_frame_of_each_length_encoding_is_read_whole(int size) throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.frame(true, ClientFrames.TEXT, paddedMessage("size " + size, size)));

            assertTrue(client.readFrame(WAIT).text().contains("\"text\":\"size " + size + "\""));
        }
        assertEquals(List.of("size " + size), chat.storedTexts());
    }

    @Test
    void case_1_1_8_a_65536_byte_text_frame_written_in_chunks_of_997_bytes_is_read_whole() throws Exception {
        try (RawWebSocket client = connect()) {
            byte[] frame = ClientFrames.frame(true, ClientFrames.TEXT, paddedMessage("chunked", 65_536));
            for (int from = 0; from < frame.length; from += 997) {
                client.send(Arrays.copyOfRange(frame, from, Math.min(frame.length, from + 997)));
            }

            assertTrue(client.readFrame(WAIT).text().contains("\"text\":\"chunked\""));
        }
    }

    @Test
    void case_1_1_1_an_empty_text_frame_is_read_and_refused_as_a_message_on_the_open_socket() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.frame(true, ClientFrames.TEXT, new byte[0]));

            RawWebSocket.Frame reply = client.readFrame(WAIT);

            assertEquals(ClientFrames.TEXT, reply.opcode());
            assertTrue(reply.text().startsWith("{\"error\":"), reply.text());
            assertStillServing(client);
        }
        assertEquals(List.of(), chat.storedTexts());
    }

    @ParameterizedTest(name = "a binary frame of {0} bytes")
    @ValueSource(ints = {0, 125, 126, 127, 128, 65_535, 65_536})
    void case_1_2_a_binary_frame_of_each_length_is_read_and_refused_with_1003(int size) throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.frame(true, ClientFrames.BINARY, new byte[size]));

            assertEquals(1003, client.readClose(WAIT).closeCode());
        }
    }

    // 2: pings and pongs

    @ParameterizedTest(name = "a ping of {0} bytes")
    @ValueSource(ints = {0, 1, 64, 124, 125})
    void case_2_1_to_2_4_a_ping_is_answered_with_a_pong_carrying_its_payload(int size) throws Exception {
        byte[] payload = new byte[size];
        for (int i = 0; i < size; i++) {
            payload[i] = (byte) (i * 7); // binary payload: every byte value is allowed
        }
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.frame(true, ClientFrames.PING, payload));

            RawWebSocket.Frame pong = client.readFrame(WAIT);

            assertEquals(ClientFrames.PONG, pong.opcode());
            assertTrue(pong.fin());
            assertArrayEquals(payload, pong.payload());
        }
    }

    @Test
    void case_2_5_a_ping_of_126_bytes_is_a_protocol_error() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.frame(true, ClientFrames.PING, new byte[126]));

            assertEquals(1002, client.readClose(WAIT).closeCode());
        }
    }

    @Test
    void case_2_6_a_ping_written_one_byte_at_a_time_is_answered() throws Exception {
        try (RawWebSocket client = connect()) {
            byte[] ping = ClientFrames.frame(true, ClientFrames.PING, "x".repeat(125));
            for (byte b : ping) {
                client.send(new byte[] {b});
            }

            assertEquals("x".repeat(125), client.readFrame(WAIT).text());
        }
    }

    @Test
    void case_2_7_an_unsolicited_pong_without_payload_is_ignored() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.frame(true, ClientFrames.PONG, new byte[0]));

            assertStillServing(client);
        }
    }

    @Test
    void case_2_8_an_unsolicited_pong_with_payload_is_ignored() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.frame(true, ClientFrames.PONG, "unsolicited pong payload"));

            assertStillServing(client);
        }
    }

    @Test
    void case_2_9_a_pong_then_a_ping_get_one_pong_echoing_the_ping() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.concat(
                    ClientFrames.frame(true, ClientFrames.PONG, "unsolicited pong payload"),
                    ClientFrames.frame(true, ClientFrames.PING, "ping payload")));

            RawWebSocket.Frame pong = client.readFrame(WAIT);

            assertEquals(ClientFrames.PONG, pong.opcode());
            assertEquals("ping payload", pong.text());
        }
    }

    @Test
    void case_2_10_ten_pings_get_ten_pongs_in_order() throws Exception {
        try (RawWebSocket client = connect()) {
            byte[][] pings = new byte[10][];
            for (int i = 0; i < 10; i++) {
                pings[i] = ClientFrames.frame(true, ClientFrames.PING, "payload-" + i);
            }
            client.send(ClientFrames.concat(pings));

            for (int i = 0; i < 10; i++) {
                assertEquals("payload-" + i, client.readFrame(WAIT).text());
            }
        }
    }

    // 3: reserved bits

    @ParameterizedTest(name = "reserved bits {0} on opcode {1}")
    @CsvSource({
        "0x40, 0x1", // 3.1: RSV1 on a text frame
        "0x20, 0x1", // 3.2: RSV2 on a text frame
        "0x10, 0x1", // 3.3: RSV3 on a text frame
        "0x60, 0x1", // 3.4: RSV1 and RSV2
        "0x50, 0x2", // 3.5: RSV1 and RSV3 on a binary frame
        "0x30, 0x9", // 3.6: RSV2 and RSV3 on a ping
        "0x70, 0x8", // 3.7: all three on a close
    })
    void case_3_a_reserved_bit_without_an_extension_is_a_protocol_error(String bits, String opcode) throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.withReservedBits(Integer.decode(bits), Integer.decode(opcode), "{}".getBytes()));

            assertEquals(1002, client.readClose(WAIT).closeCode());
        }
    }

    @Test
    void case_3_2_a_reserved_bit_after_a_valid_message_ends_the_session_after_that_message() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.concat(
                    ClientFrames.text("{\"text\": \"valid\"}"),
                    ClientFrames.withReservedBits(0x20, ClientFrames.TEXT, "{\"text\": \"rsv2\"}".getBytes())));

            assertEquals(1002, client.readClose(WAIT).closeCode());
        }
        assertEquals(List.of("valid"), chat.storedTexts());
    }

    // 4: opcodes

    @ParameterizedTest(name = "reserved opcode {0}")
    @ValueSource(ints = {3, 4, 5, 6, 7, 11, 12, 13, 14, 15})
    void case_4_a_reserved_opcode_is_a_protocol_error(int opcode) throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.frame(true, opcode, "reserved"));

            assertEquals(1002, client.readClose(WAIT).closeCode());
        }
    }

    @ParameterizedTest(name = "reserved opcode {0} after a valid message")
    @ValueSource(ints = {4, 11})
    void case_4_1_2_a_reserved_opcode_after_a_valid_message_and_a_ping(int opcode) throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(ClientFrames.concat(
                    ClientFrames.text("{\"text\": \"valid\"}"),
                    ClientFrames.frame(true, opcode, "reserved"),
                    ClientFrames.frame(true, ClientFrames.PING, "never answered")));

            List<RawWebSocket.Frame> frames = client.readUntilClosed(WAIT);

            RawWebSocket.Frame last = frames.getLast();
            assertEquals(ClientFrames.CLOSE, last.opcode());
            assertEquals(1002, last.closeCode());
            assertTrue(
                    frames.stream().noneMatch(frame -> frame.opcode() == ClientFrames.PONG), "no pong after the error");
        }
        assertEquals(List.of("valid"), chat.storedTexts());
    }

    /** A message JSON of exactly {@code size} bytes: the text, then spaces (JSON whitespace) to fill. */
    static byte[] paddedMessage(String text, int size) {
        byte[] json = ("{\"text\": \"" + text + "\"}").getBytes(StandardCharsets.UTF_8);
        byte[] padded = new byte[size];
        Arrays.fill(padded, (byte) ' ');
        System.arraycopy(json, 0, padded, 0, json.length);
        return padded;
    }

    private RawWebSocket connect() throws IOException {
        return RawWebSocket.connect(chat.server.port(), "/ws");
    }

    /** The socket is still open and served: a ping gets its pong. */
    static void assertStillServing(RawWebSocket client) throws IOException {
        client.send(ClientFrames.frame(true, ClientFrames.PING, "still there?"));
        RawWebSocket.Frame pong = client.readFrame(WAIT);
        assertEquals(ClientFrames.PONG, pong.opcode());
        assertEquals("still there?", pong.text());
    }
}
