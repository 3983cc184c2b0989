package dev.chatgopher.transport.ws;

import java.nio.ByteBuffer;

/**
 * A complete WebSocket text frame, header and JSON payload, built once and written as is to every session
 * that sends it. {@code messageId} orders message frames; frames that carry no message (error replies) have 0.
 */
record OutboundFrame(long messageId, ByteBuffer bytes) {

    static OutboundFrame of(long messageId, byte[] json) {
        return new OutboundFrame(messageId, WebSocketFrames.text(json));
    }

    int size() {
        return bytes.remaining();
    }
}
