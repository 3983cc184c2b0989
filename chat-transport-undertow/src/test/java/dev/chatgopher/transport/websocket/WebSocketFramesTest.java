package dev.chatgopher.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WebSocketFramesTest {

    @ParameterizedTest(name = "{0} bytes -> header of {1}")
    @CsvSource({"0, 2", "125, 2", "126, 4", "65535, 4", "65536, 10"})
    void uses_the_shortest_length_encoding(int length, int headerLength) {
        ByteBuffer frame = WebSocketFrames.text(new byte[length]);

        assertEquals(headerLength + length, frame.remaining());
        assertEquals((byte) 0x81, frame.get(0), "final text frame");
        assertEquals(0, frame.get(1) & 0x80, "server frames are not masked");
        long declared = switch (headerLength) {
            case 2 -> frame.get(1) & 0x7F;
            case 4 -> frame.getShort(2) & 0xFFFF;
            default -> frame.getLong(2);
        };
        assertEquals(length, declared);
    }

    @Test
    void a_frame_is_read_only_so_sessions_cannot_spoil_it_for_each_other() {
        assertTrue(WebSocketFrames.text("{}".getBytes(StandardCharsets.UTF_8)).isReadOnly());
    }

    @Test
    void a_close_frame_carries_the_code_then_the_reason() {
        ByteBuffer close = WebSocketFrames.close(1008, "slow consumer");

        assertEquals((byte) 0x88, close.get(0));
        assertEquals(2 + 13, close.get(1));
        assertEquals(1008, close.getShort(2));
        byte[] reason = new byte[13];
        close.get(4, reason);
        assertEquals("slow consumer", new String(reason, StandardCharsets.UTF_8));
    }

    @Test
    void a_long_reason_is_cut_to_fit_a_control_frame_without_splitting_a_character() {
        ByteBuffer close = WebSocketFrames.close(1001, "Ж".repeat(100));

        int payload = close.get(1);
        assertTrue(payload <= 125, "control frame payload " + payload);
        assertEquals(0, (payload - 2) % 2, "whole two-byte characters only");
    }

    @Test
    void the_handshake_answers_the_rfc_example_key() {
        assertEquals("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=", WebSocketHandshake.accept("dGhlIHNhbXBsZSBub25jZQ=="));
    }
}
