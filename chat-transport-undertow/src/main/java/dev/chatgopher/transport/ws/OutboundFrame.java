package dev.chatgopher.transport.ws;

import java.nio.ByteBuffer;

/**
 * A complete WebSocket text frame, header and JSON payload, built once and written as is to every session
 * that sends it. {@code messageId} orders message frames; frames that carry no message (error replies) have 0.
 * {@code publishedNanos} is when a live message was published after its commit, for the delivery lag; 0 for
 * frames read back from the store and for replies.
 */
record OutboundFrame(long messageId, ByteBuffer bytes, long publishedNanos) {

    static OutboundFrame of(long messageId, byte[] json) {
        return new OutboundFrame(messageId, WebSocketFrames.text(json), 0);
    }

    static OutboundFrame live(long messageId, byte[] json, long publishedNanos) {
        return new OutboundFrame(messageId, WebSocketFrames.text(json), publishedNanos);
    }

    int size() {
        return bytes.remaining();
    }
}
