package dev.chatgopher.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderTest {

    private final List<String> events = new ArrayList<>();
    private final FrameDecoder decoder = new FrameDecoder(1_000, new Recording(events));

    /** Writes down what the decoder reports, one word per event. */
    private record Recording(List<String> events) implements FrameDecoder.Receiver {
        @Override
        public void text(String message) {
            events.add("text:" + message);
        }

        @Override
        public void binary() {
            events.add("binary");
        }

        @Override
        public void ping(byte[] payload) {
            events.add("ping:" + new String(payload, StandardCharsets.UTF_8));
        }

        @Override
        public void pong() {
            events.add("pong");
        }

        @Override
        public void close(int code) {
            events.add("close:" + code);
        }

        @Override
        public void violation(int closeCode, String reason) {
            events.add("violation:" + closeCode + ":" + reason);
        }
    }

    @Test
    void decodes_a_masked_text_frame() {
        feed(frame(true, 0x1, true, "Привет"));

        assertEquals(List.of("text:Привет"), events);
    }

    @Test
    void decodes_frames_that_arrive_one_byte_at_a_time_and_several_per_read() {
        byte[] both = concat(frame(true, 0x1, true, "first"), frame(true, 0x1, true, "second"));
        for (byte b : both) {
            decoder.feed(ByteBuffer.wrap(new byte[] {b}));
        }
        feed(both);

        assertEquals(List.of("text:first", "text:second", "text:first", "text:second"), events);
    }

    @Test
    void reassembles_a_fragmented_message_around_a_ping() {
        feed(concat(
                frame(false, 0x1, true, "Hel"),
                frame(true, 0x9, true, "are you there"),
                frame(false, 0x0, true, "lo, "),
                frame(true, 0x0, true, "World")));

        assertEquals(List.of("ping:are you there", "text:Hello, World"), events);
    }

    @Test
    void reads_16_and_64_bit_lengths() {
        String medium = "m".repeat(300);
        String large = "x".repeat(900);

        feed(frame(true, 0x1, true, medium));
        feed(frameWith64BitLength(large.getBytes(StandardCharsets.UTF_8)));

        assertEquals(List.of("text:" + medium, "text:" + large), events);
    }

    @Test
    void reports_binary_pong_and_close_frames() {
        feed(concat(frame(true, 0x2, true, "bytes"), frame(true, 0xA, true, ""), closeFrame(1000, "bye")));

        assertEquals(List.of("binary", "pong", "close:1000"), events);
    }

    @Test
    void a_close_frame_without_a_code_reads_as_no_status() {
        feed(frame(true, 0x8, true, ""));

        assertEquals(List.of("close:1005"), events);
    }

    @Test
    void refuses_an_unmasked_frame() {
        feed(frame(true, 0x1, false, "hi"));

        assertEquals(List.of("violation:1002:client frames must be masked"), events);
    }

    @Test
    void refuses_protocol_errors_with_1002() {
        assertViolation(frame(true, 0x0, true, "x"), "violation:1002:continuation frame without a message to continue");
        assertViolation(
                concat(frame(false, 0x1, true, "a"), frame(true, 0x1, true, "b")),
                "violation:1002:a new message began before the fragmented one ended");
        assertViolation(
                frame(false, 0x9, true, "x"), "violation:1002:control frames must be final and at most 125 bytes");
        assertViolation(
                frame(true, 0x9, true, "p".repeat(126)),
                "violation:1002:control frames must be final and at most 125 bytes");
        assertViolation(frame(true, 0x3, true, "x"), "violation:1002:unknown opcode 3");
        byte[] reserved = frame(true, 0x1, true, "x");
        reserved[0] |= 0x40;
        assertViolation(reserved, "violation:1002:reserved bits set without an extension");
        assertViolation(frame(true, 0x8, true, "\u0003"), "violation:1002:close frame with a one-byte payload");
    }

    @Test
    void refuses_a_message_over_the_limit_before_its_payload_arrives() {
        byte[] header = {(byte) 0x81, (byte) (0x80 | 126), (byte) (1_001 >> 8), (byte) (1_001 & 0xFF)};

        feed(header);

        assertEquals(List.of("violation:1009:message larger than 1000 bytes"), events);
    }

    @Test
    void refuses_fragments_that_add_up_over_the_limit() {
        feed(concat(frame(false, 0x1, true, "a".repeat(600)), frame(true, 0x0, true, "b".repeat(600))));

        assertEquals(List.of("violation:1009:message larger than 1000 bytes"), events);
    }

    @Test
    void refuses_text_that_is_not_utf8() {
        byte[] invalid = {(byte) 0xC0, (byte) 0xAF};

        feed(frame(true, 0x1, true, invalid));

        assertEquals(List.of("violation:1007:text message is not valid UTF-8"), events);
    }

    @Test
    void ignores_everything_after_a_violation() {
        feed(concat(frame(true, 0x1, false, "unmasked"), frame(true, 0x1, true, "later")));

        assertEquals(List.of("violation:1002:client frames must be masked"), events);
    }

    @Test
    void refuses_invalid_utf8_in_an_unfinished_fragment_without_waiting_for_the_rest() {
        feed(frame(false, 0x1, true, new byte[] {'o', 'k', (byte) 0xF4, (byte) 0x90}));

        assertEquals(List.of("violation:1007:text message is not valid UTF-8"), events);
    }

    @Test
    void puts_a_code_point_cut_across_fragments_back_together() {
        byte[] clef = "\uD834\uDD1E".getBytes(StandardCharsets.UTF_8);
        feed(concat(
                frame(false, 0x1, true, new byte[] {clef[0]}),
                frame(false, 0x0, true, new byte[] {clef[1], clef[2]}),
                frame(true, 0x0, true, new byte[] {clef[3]})));

        assertEquals(List.of("text:\uD834\uDD1E"), events);
    }

    @Test
    void refuses_a_code_point_left_unfinished_by_the_last_fragment() {
        feed(concat(frame(false, 0x1, true, "ok"), frame(true, 0x0, true, new byte[] {(byte) 0xE1, (byte) 0x80})));

        assertEquals(List.of("violation:1007:text message is not valid UTF-8"), events);
    }

    @Test
    void a_fragmented_binary_message_is_reported_once_complete() {
        feed(concat(frame(false, 0x2, true, "by"), frame(true, 0x9, true, "p"), frame(true, 0x0, true, "tes")));

        assertEquals(List.of("ping:p", "binary"), events);
    }

    @Test
    void refuses_a_length_that_would_overflow_the_size_check() {
        ByteBuffer header = ByteBuffer.allocate(14)
                .put((byte) 0x80)
                .put((byte) (0x80 | 127))
                .putLong(Long.MAX_VALUE - 2)
                .put(new byte[4]);

        feed(concat(frame(false, 0x1, true, "fragment"), header.array()));

        assertEquals(List.of("violation:1009:message larger than 1000 bytes"), events);
    }

    @ParameterizedTest(name = "close code {0}")
    @ValueSource(ints = {0, 999, 1004, 1005, 1006, 1015, 1016, 2999, 5000})
    void refuses_a_close_code_no_endpoint_may_send(int code) {
        feed(closeFrame(code, ""));

        assertEquals(List.of("violation:1002:close code " + code + " is not one an endpoint may send"), events);
    }

    @Test
    void refuses_a_close_reason_that_is_not_utf8() {
        byte[] payload = {0x03, (byte) 0xE8, (byte) 0xC0, (byte) 0xAF};

        feed(frame(true, 0x8, true, payload));

        assertEquals(List.of("violation:1007:close reason is not valid UTF-8"), events);
    }

    private void assertViolation(byte[] bytes, String expected) {
        List<String> seen = new ArrayList<>();
        new FrameDecoder(1_000, new Recording(seen)).feed(ByteBuffer.wrap(bytes));
        assertEquals(List.of(expected), seen);
    }

    private void feed(byte[] bytes) {
        decoder.feed(ByteBuffer.wrap(bytes));
    }

    private static byte[] closeFrame(int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (code >> 8);
        payload[1] = (byte) code;
        System.arraycopy(text, 0, payload, 2, text.length);
        return frame(true, 0x8, true, payload);
    }

    static byte[] frame(boolean fin, int opcode, boolean masked, String payload) {
        return frame(fin, opcode, masked, payload.getBytes(StandardCharsets.UTF_8));
    }

    /** A client frame as RFC 6455 section 5.2 lays it out, masked with a fixed key when asked. */
    static byte[] frame(boolean fin, int opcode, boolean masked, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write((fin ? 0x80 : 0) | opcode);
        int maskBit = masked ? 0x80 : 0;
        if (payload.length <= 125) {
            out.write(maskBit | payload.length);
        } else {
            out.write(maskBit | 126);
            out.write(payload.length >> 8);
            out.write(payload.length & 0xFF);
        }
        byte[] key = {0x37, (byte) 0xfa, 0x21, 0x3d};
        if (masked) {
            out.writeBytes(key);
        }
        for (int i = 0; i < payload.length; i++) {
            out.write(masked ? payload[i] ^ key[i & 3] : payload[i]);
        }
        return out.toByteArray();
    }

    /** A masked text frame whose length uses the 64-bit form, as a client may send even for short payloads. */
    private static byte[] frameWith64BitLength(byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(2 + 8 + 4 + payload.length);
        frame.put((byte) 0x81).put((byte) (0x80 | 127)).putLong(payload.length);
        byte[] key = {1, 2, 3, 4};
        frame.put(key);
        for (int i = 0; i < payload.length; i++) {
            frame.put((byte) (payload[i] ^ key[i & 3]));
        }
        return frame.array();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
