package dev.chatgopher.bench;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;

/**
 * A WebSocket subscriber that checks the order of what arrives: every message frame must carry a larger id than
 * the one before. A frame with the last id again is a duplicate, one with a smaller id is out of order; only
 * frames with a larger id are counted as received and handed on.
 */
final class OrderedSubscriber extends AbstractReceiveListener {

    /** A frame with a new, larger id, on the channel's IO thread. */
    @FunctionalInterface
    interface Arrival {
        void arrived(long id, String frame, long arrivedNanos);
    }

    final WebSocketChannel channel;
    private final String marker;
    private final Arrival arrival;
    private volatile long lastId;
    volatile long received;
    volatile long duplicates;
    volatile long outOfOrder;
    volatile boolean closed;
    /** The close code the server sent, or -1. */
    volatile int closeCode = -1;

    /** Starts receiving on {@code channel}; frames without {@code marker} (someone else's messages) are ignored. */
    OrderedSubscriber(WebSocketChannel channel, String marker, Arrival arrival) {
        this.channel = channel;
        this.marker = marker;
        this.arrival = arrival;
        channel.getReceiveSetter().set(this);
        channel.addCloseTask(closedChannel -> closed = true);
        channel.resumeReceives();
    }

    @Override
    protected void onFullTextMessage(WebSocketChannel ws, BufferedTextMessage message) {
        long arrived = System.nanoTime();
        String frame = message.getData();
        if (!frame.contains(marker)) {
            return;
        }
        long id = MessageFrames.number(frame, "\"id\":");
        if (id > lastId) {
            lastId = id;
            received++;
            arrival.arrived(id, frame, arrived);
        } else if (id == lastId) {
            duplicates++;
        } else {
            outOfOrder++;
        }
    }

    @Override
    protected void onCloseMessage(CloseMessage message, WebSocketChannel ws) {
        closeCode = message.getCode();
        super.onCloseMessage(message, ws);
    }

    /** The largest id received so far. */
    long lastId() {
        return lastId;
    }

    /** Open now: not closed by either side. */
    boolean isOpen() {
        return !closed && channel.isOpen();
    }
}
