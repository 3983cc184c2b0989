package dev.chatgopher.transport.ws;

import java.nio.ByteBuffer;

/**
 * A text frame ready to go: JSON bytes encoded once and shared read-only by every session that sends it.
 * {@code messageId} orders message frames; frames that carry no message (error replies) have 0.
 */
record OutboundFrame(long messageId, ByteBuffer json) {

    OutboundFrame {
        json = json.asReadOnlyBuffer();
    }

    static OutboundFrame of(long messageId, byte[] json) {
        return new OutboundFrame(messageId, ByteBuffer.wrap(json));
    }

    /** A private view for one send, so that sessions do not move each other's position. */
    ByteBuffer view() {
        return json.duplicate();
    }

    int size() {
        return json.remaining();
    }
}
