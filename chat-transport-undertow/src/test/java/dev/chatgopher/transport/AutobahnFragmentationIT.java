package dev.chatgopher.transport;

import static dev.chatgopher.transport.testing.ClientFrames.CONTINUATION;
import static dev.chatgopher.transport.testing.ClientFrames.PING;
import static dev.chatgopher.transport.testing.ClientFrames.PONG;
import static dev.chatgopher.transport.testing.ClientFrames.TEXT;
import static dev.chatgopher.transport.testing.ClientFrames.concat;
import static dev.chatgopher.transport.testing.ClientFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.testing.ClientFrames;
import dev.chatgopher.transport.testing.RawWebSocket;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Section 5 of the Autobahn WebSocket test suite's case list (fragmentation; cases named by their Autobahn
 * numbers), written as our own cases against a real server over a plain socket. A fragmented text message is a
 * chat message: the text it is stored with proves the fragments were put together in order; see
 * {@link AutobahnFramingIT} for how echo cases are adapted.
 */
class AutobahnFragmentationIT {

    private static final Duration WAIT = Duration.ofSeconds(5);

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void case_5_1_a_fragmented_ping_is_a_protocol_error() throws Exception {
        assertProtocolError(concat(frame(false, PING, "frag"), frame(true, CONTINUATION, "ment")));
    }

    @Test
    void case_5_2_a_fragmented_pong_is_a_protocol_error() throws Exception {
        assertProtocolError(concat(frame(false, PONG, "frag"), frame(true, CONTINUATION, "ment")));
    }

    @Test
    void case_5_2_a_fragmented_close_is_a_protocol_error() throws Exception {
        assertProtocolError(concat(
                frame(false, ClientFrames.CLOSE, new byte[] {0x03, (byte) 0xE8}), frame(true, CONTINUATION, "")));
    }

    @Test
    void case_5_3_a_text_message_in_two_fragments_in_one_write_is_stored_whole() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(concat(frame(false, TEXT, "{\"text\": \"frag"), frame(true, CONTINUATION, "mented\"}")));

            assertTrue(client.readFrame(WAIT).text().contains("\"text\":\"fragmented\""));
        }
        assertEquals(List.of("fragmented"), chat.storedTexts());
    }

    @Test
    void case_5_4_a_text_message_in_two_fragments_in_two_writes_is_stored_whole() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(frame(false, TEXT, "{\"text\": \"frag"));
            client.send(frame(true, CONTINUATION, "mented\"}"));

            assertTrue(client.readFrame(WAIT).text().contains("\"text\":\"fragmented\""));
        }
    }

    @Test
    void case_5_5_a_text_message_one_byte_per_fragment_is_stored_whole() throws Exception {
        byte[] json = "{\"text\": \"one byte at a time\"}".getBytes();
        try (RawWebSocket client = connect()) {
            for (int i = 0; i < json.length; i++) {
                boolean last = i == json.length - 1;
                client.send(frame(last, i == 0 ? TEXT : CONTINUATION, new byte[] {json[i]}));
            }

            assertTrue(client.readFrame(WAIT).text().contains("\"text\":\"one byte at a time\""));
        }
    }

    @Test
    void case_5_6_a_ping_between_fragments_is_answered_and_the_message_stored() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(concat(
                    frame(false, TEXT, "{\"text\": \"frag"),
                    frame(true, PING, "in between"),
                    frame(true, CONTINUATION, "mented\"}")));

            RawWebSocket.Frame pong = client.readFrame(WAIT);
            assertEquals(PONG, pong.opcode());
            assertEquals("in between", pong.text());
            assertTrue(client.readFrame(WAIT).text().contains("\"text\":\"fragmented\""));
        }
    }

    @Test
    void case_5_8_a_ping_between_fragments_is_answered_before_the_message_ends() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(concat(frame(false, TEXT, "{\"text\": \"frag"), frame(true, PING, "in between")));

            assertEquals("in between", client.readFrame(WAIT).text(), "answered while the message is unfinished");
            client.send(frame(true, CONTINUATION, "mented\"}"));
            assertTrue(client.readFrame(WAIT).text().contains("\"text\":\"fragmented\""));
        }
    }

    @Test
    void case_5_19_pings_between_several_fragments_are_each_answered() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(concat(
                    frame(false, TEXT, "{\"text\": "),
                    frame(false, CONTINUATION, "\"five "),
                    frame(true, PING, "first"),
                    frame(false, CONTINUATION, "fragm"),
                    frame(false, CONTINUATION, "ents"),
                    frame(true, PING, "second"),
                    frame(true, CONTINUATION, "\"}")));

            assertEquals("first", client.readFrame(WAIT).text());
            assertEquals("second", client.readFrame(WAIT).text());
            assertTrue(client.readFrame(WAIT).text().contains("\"text\":\"five fragments\""));
        }
    }

    @Test
    void case_5_6_a_pong_between_fragments_is_ignored_and_the_message_stored() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(concat(
                    frame(false, TEXT, "{\"text\": \"frag"),
                    frame(true, PONG, "unsolicited"),
                    frame(true, CONTINUATION, "mented\"}")));

            assertTrue(client.readFrame(WAIT).text().contains("\"text\":\"fragmented\""));
        }
    }

    @Test
    void case_5_9_a_final_continuation_without_a_message_is_a_protocol_error() throws Exception {
        assertProtocolError(frame(true, CONTINUATION, "{\"text\": \"orphan\"}"));
    }

    @Test
    void case_5_10_an_unfinished_continuation_without_a_message_is_a_protocol_error() throws Exception {
        assertProtocolError(frame(false, CONTINUATION, "{\"text\": \"orphan"));
    }

    @Test
    void case_5_13_a_continuation_without_a_message_then_a_text_is_a_protocol_error() throws Exception {
        assertProtocolError(concat(frame(false, CONTINUATION, "orphan"), ClientFrames.text("{\"text\": \"late\"}")));
    }

    @Test
    void case_5_15_a_continuation_after_a_finished_message_is_a_protocol_error_after_that_message() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(concat(
                    frame(false, TEXT, "{\"text\": \"fin"),
                    frame(true, CONTINUATION, "ished\"}"),
                    frame(false, CONTINUATION, "{\"text\": \"orphan"),
                    frame(true, TEXT, "\"}")));

            assertEquals(1002, client.readClose(WAIT).closeCode());
        }
        assertEquals(List.of("finished"), chat.storedTexts());
    }

    @Test
    void case_5_17_a_new_unfinished_text_inside_a_fragmented_message_is_a_protocol_error() throws Exception {
        assertProtocolError(concat(
                frame(false, TEXT, "{\"text\": \"first"),
                frame(false, TEXT, "{\"text\": \"second"),
                frame(true, CONTINUATION, "\"}")));
    }

    @Test
    void case_5_18_a_new_final_text_inside_a_fragmented_message_is_a_protocol_error() throws Exception {
        assertProtocolError(
                concat(frame(false, TEXT, "{\"text\": \"first"), ClientFrames.text("{\"text\": \"interleaved\"}")));
    }

    @Test
    void a_binary_frame_inside_a_fragmented_text_message_is_a_protocol_error() throws Exception {
        assertProtocolError(concat(frame(false, TEXT, "{\"text\": \"first"), frame(true, ClientFrames.BINARY, "x")));
    }

    @Test
    void a_close_inside_a_fragmented_message_is_echoed_and_the_message_dropped() throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(concat(frame(false, TEXT, "{\"text\": \"never finished"), ClientFrames.close(1000, "")));

            assertEquals(1000, client.readClose(WAIT).closeCode());
        }
        assertEquals(List.of(), chat.storedTexts());
    }

    /** The frames end the session with 1002, and nothing of them is stored. */
    private void assertProtocolError(byte[] frames) throws Exception {
        try (RawWebSocket client = connect()) {
            client.send(frames);

            assertEquals(1002, client.readClose(WAIT).closeCode());
        }
        assertEquals(List.of(), chat.storedTexts());
    }

    private RawWebSocket connect() throws IOException {
        return RawWebSocket.connect(chat.server.port(), "/ws");
    }
}
