package dev.chatgopher.transport.ws;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.transport.websocket.WebSocketFrames;
import java.nio.ByteBuffer;

/**
 * A complete WebSocket text frame, header and JSON payload, built once and written as is to every session
 * that sends it. {@code messageId} orders message frames and {@code room} routes them; frames that carry no
 * message (error replies) have 0 and {@code null}. {@code publishedNanos} is when a live message was published
 * after its commit, for the delivery lag; 0 for frames read back from the store and for replies.
 */
record OutboundFrame(long messageId, RoomId room, ByteBuffer bytes, long publishedNanos) {

    static OutboundFrame stored(Message message, byte[] json) {
        return new OutboundFrame(message.id(), message.room(), WebSocketFrames.text(json), 0);
    }

    static OutboundFrame live(Message message, byte[] json, long publishedNanos) {
        return new OutboundFrame(message.id(), message.room(), WebSocketFrames.text(json), publishedNanos);
    }

    static OutboundFrame reply(byte[] json) {
        return new OutboundFrame(0, null, WebSocketFrames.text(json), 0);
    }

    int size() {
        return bytes.remaining();
    }
}
