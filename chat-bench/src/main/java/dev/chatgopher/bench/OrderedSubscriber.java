package dev.chatgopher.bench;

import io.undertow.websockets.core.AbstractReceiveListener;
import io.undertow.websockets.core.BufferedTextMessage;
import io.undertow.websockets.core.CloseMessage;
import io.undertow.websockets.core.WebSocketChannel;
import java.util.BitSet;

/**
 * A WebSocket subscriber that checks the order of what arrives: every message frame must carry a larger id than
 * the one before. A frame with the last id again is a duplicate, one with a smaller id is out of order; only
 * frames with a larger id are counted as received and handed on. Given the rooms it follows, a frame of any other
 * room is counted as foreign and dropped. Besides the count it keeps an order-independent checksum of the ids
 * received, so that the set can be compared with the set acknowledged without keeping every id.
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
    private final Rooms rooms;
    private final BitSet followed;
    private volatile long lastId;
    volatile long received;
    /** The sum of {@link #checksumOf} over the ids received. */
    volatile long checksum;

    volatile long duplicates;
    volatile long outOfOrder;
    /** Frames of a room this subscriber does not follow. */
    volatile long foreign;

    volatile boolean closed;
    /** The close code the server sent, or -1. */
    volatile int closeCode = -1;

    /** Starts receiving on {@code channel}; frames without {@code marker} (someone else's messages) are ignored. */
    OrderedSubscriber(WebSocketChannel channel, String marker, Arrival arrival) {
        this(channel, marker, null, null, arrival);
    }

    /** As above, following only {@code followed} (indexes into {@code rooms}); both null: every frame counts. */
    OrderedSubscriber(WebSocketChannel channel, String marker, Rooms rooms, BitSet followed, Arrival arrival) {
        this.channel = channel;
        this.marker = marker;
        this.rooms = rooms;
        this.followed = followed;
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
        if (followed != null) {
            int room = rooms.indexOf(frame);
            if (room < 0 || !followed.get(room)) {
                foreign++;
                return;
            }
        }
        long id = MessageFrames.number(frame, "\"id\":");
        if (id > lastId) {
            lastId = id;
            received++;
            checksum += checksumOf(id);
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

    /**
     * One id's share of a checksum: a 64-bit mix (SplitMix64's finaliser), so that sums of different sets of
     * ids, such as one missing and one unacknowledged, practically never agree.
     */
    static long checksumOf(long id) {
        long z = id + 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
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
