package dev.chatgopher.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MessageFramesTest {

    private static final String FRAME =
            "{\"created_at\":\"2025-02-01T12:00:00Z\",\"id\":123456,\"sequence\":-7,\"text\":\"fanout-1a2b 7\"}";

    @Test
    void picks_integers_after_a_key() {
        assertEquals(123_456, MessageFrames.number(FRAME, "\"id\":"));
        assertEquals(-7, MessageFrames.number(FRAME, "\"sequence\":"));
    }

    @Test
    void answers_minus_one_without_the_key_or_digits() {
        assertEquals(-1, MessageFrames.number(FRAME, "\"missing\":"));
        assertEquals(-1, MessageFrames.number("{\"id\":\"x\"}", "\"id\":"));
    }
}
