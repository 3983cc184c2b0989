package dev.chatgopher.transport.ws;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.model.StoreUnavailableException;
import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.transport.json.MessageJson;
import dev.chatgopher.transport.websocket.CloseCodes;
import dev.chatgopher.transport.websocket.WebSocketConnection;
import java.net.SocketAddress;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One WebSocket client: the rooms it follows, what it has been sent, and its bounded outbound queue.
 *
 * <p>Every message frame of its rooms goes out in increasing id order, each id once, with no gap after the session's
 * starting point. A session lives through three phases:
 * <ol>
 *   <li><b>handshake</b>: it joins the fan-out when the upgrade request arrives, before the client sees the
 *       socket open; live frames are held back;</li>
 *   <li><b>replay</b> (only with {@code after=<id>}, or if too much was held back): on a virtual thread it reads
 *       the store page by page after the last id sent, at the pace the client reads, while live frames keep
 *       being held back; when a read comes back short the store has nothing more, so</li>
 *   <li><b>live</b>: the held-back frames newer than the last id sent go out, then every frame as it comes.</li>
 * </ol>
 * A live frame is committed before it is published, so any message is either in the store when a page is read
 * or arrives later through the fan-out: nothing falls between the two, and ids already sent are skipped.
 *
 * <p>The bound is kept here: frames queued on the connection and not yet written to the socket are counted. A
 * live client that lets more than the configured count or bytes pile up is closed with 1008 "slow consumer"; it
 * can come back with {@code after} and catch up from the database.
 */
final class ClientSession implements RoomIndex.Follower {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    private static final int REPLAY_PAGE_SIZE = 256;
    /** The expiry of a socket without a token. */
    static final long NEVER = Long.MAX_VALUE;

    private enum Phase {
        HANDSHAKE,
        REPLAY,
        LIVE
    }

    private final OutboundLimits limits;
    private final ReadHistoryUseCase history;
    private final RoomSelection rooms;
    /** The one room followed, or null for several: where a frame without a room goes, and the fan-out's fast path. */
    private final RoomId onlyRoom;

    private final WebSocketMetrics metrics;
    private final boolean resuming;
    /**
     * The client's address as the exchange had it (behind a trusted proxy, the forwarded one), for the log; kept as
     * the address, not as text, which only the few sessions that are logged need.
     */
    private final SocketAddress client;
    /** When the token of the socket expires, in epoch milliseconds; {@link #NEVER} without a token. */
    private final long expiresAtMillis;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition roomOrClosing = lock.newCondition();
    private final Queue<OutboundFrame> heldBack = new ArrayDeque<>();
    private boolean heldBackOverflowed;
    private Phase phase = Phase.HANDSHAKE;
    private WebSocketConnection connection;
    private int queuedFrames;
    private long queuedBytes;
    private long lastQueuedMessageId;
    private boolean closing;
    private int closeCode;
    private String closeReason;
    private volatile long lastHeardNanos = System.nanoTime();
    /** Writes since the last delivery-lag sample; only the connection's IO thread reports writes. */
    private int writesSinceLagSample;

    /**
     * @param rooms    the rooms whose messages it receives, live and when catching up
     * @param resuming whether the client asked for a starting point ({@code after=}): then the store is read
     *                 before going live
     * @param client   the client's address, as the access log and the limits see it
     * @param expiresAtMillis when the socket's token expires (epoch milliseconds), or {@link #NEVER}
     */
    ClientSession(
            OutboundLimits limits,
            ReadHistoryUseCase history,
            RoomSelection rooms,
            boolean resuming,
            WebSocketMetrics metrics,
            SocketAddress client,
            long expiresAtMillis) {
        this.limits = limits;
        this.history = history;
        this.rooms = rooms;
        this.onlyRoom = rooms instanceof RoomSelection.Only only && only.rooms().size() == 1
                ? only.rooms().first()
                : null;
        this.metrics = metrics;
        this.resuming = resuming;
        this.client = client;
        this.expiresAtMillis = expiresAtMillis;
    }

    /** Whether the socket's token has expired by {@code nowMillis}; never without a token. */
    boolean expiredAt(long nowMillis) {
        return nowMillis >= expiresAtMillis;
    }

    /** The last message id this client already has: everything after it will be sent. Call before attaching. */
    void startAfter(long messageId) {
        lock.lock();
        try {
            lastQueuedMessageId = messageId;
        } finally {
            lock.unlock();
        }
    }

    /** The handshake is done: catch up from the store if needed, otherwise send what was held back and go live. */
    void attach(WebSocketConnection upgraded) {
        lock.lock();
        try {
            connection = upgraded;
            lastHeardNanos = System.nanoTime();
            if (closing) {
                connection.close(closeCode, closeReason);
            } else if (resuming || heldBackOverflowed) {
                phase = Phase.REPLAY;
                Thread.ofVirtual().name("ws-replay-", 0).start(this::replay);
            } else {
                goLive();
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public RoomSelection rooms() {
        return rooms;
    }

    @Override
    public boolean followsOneRoom() {
        return onlyRoom != null;
    }

    /** The one room this client follows, or {@code null} when it follows several (or every room). */
    RoomId onlyRoom() {
        return onlyRoom;
    }

    /** New message frames of this client's rooms from the fan-out, in id order. */
    @Override
    public void deliver(List<OutboundFrame> frames) {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            if (phase != Phase.LIVE) {
                holdBack(frames);
                return;
            }
            for (OutboundFrame frame : frames) {
                if (frame.messageId() > lastQueuedMessageId && !enqueueOrCloseAsSlow(frame)) {
                    return;
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** A frame for this client only (an error answer to what it sent); not a message, so outside the id order. */
    void reply(byte[] json) {
        lock.lock();
        try {
            if (!closing && connection != null) {
                enqueueOrCloseAsSlow(OutboundFrame.reply(json));
            }
        } finally {
            lock.unlock();
        }
    }

    /** Starts closing: the close frame goes out, then the connection ends. */
    void close(int code, String reason) {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            markClosing(code, reason);
            if (connection != null) {
                connection.close(code, reason);
            }
        } finally {
            lock.unlock();
        }
    }

    /** The connection is gone: stop everything, release what was waiting. */
    void closed() {
        lock.lock();
        try {
            if (!closing) {
                markClosing(CloseCodes.GOING_AWAY, "closed");
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Frames were written to the socket: they no longer count against the bound. {@code oldestPublishedNanos} is
     * when the oldest live message among them was published (0 for none), for the delivery lag.
     */
    void written(int frames, long bytes, long oldestPublishedNanos) {
        if (oldestPublishedNanos != 0 && ++writesSinceLagSample >= WebSocketMetrics.DELIVERY_LAG_SAMPLING) {
            writesSinceLagSample = 0;
            metrics.delivered(oldestPublishedNanos);
        }
        lock.lock();
        try {
            queuedFrames -= frames;
            queuedBytes -= bytes;
            if (phase == Phase.REPLAY) {
                roomOrClosing.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    /** Anything arrived from the client: it is alive. */
    void heard() {
        lastHeardNanos = System.nanoTime();
    }

    /** Pings a client that was heard from recently; closes one that has been silent too long. */
    void heartbeat(long silenceLimitNanos) {
        WebSocketConnection current;
        lock.lock();
        try {
            if (closing || connection == null) {
                return;
            }
            current = connection;
        } finally {
            lock.unlock();
        }
        if (System.nanoTime() - lastHeardNanos > silenceLimitNanos) {
            LOG.info("Closing WebSocket client {}: no answer to pings", peer());
            close(CloseCodes.GOING_AWAY, "ping timeout");
        } else {
            current.ping();
        }
    }

    String peer() {
        return String.valueOf(client);
    }

    private void replay() {
        try {
            while (true) {
                long after;
                lock.lock();
                try {
                    if (closing) {
                        return;
                    }
                    after = lastQueuedMessageId;
                } finally {
                    lock.unlock();
                }
                List<Message> page = history.readAfter(rooms, after, REPLAY_PAGE_SIZE);
                for (Message message : page) {
                    if (!enqueueWhenThereIsRoom(OutboundFrame.stored(message, MessageJson.encode(message)))) {
                        return;
                    }
                }
                if (page.size() < REPLAY_PAGE_SIZE && finishReplay()) {
                    return;
                }
            }
        } catch (StoreUnavailableException e) {
            LOG.debug("Catching up WebSocket client {} refused: {}", peer(), e.getMessage());
            close(CloseCodes.TRY_AGAIN_LATER, "the database is unavailable; reconnect with after=<last id> shortly");
        } catch (RuntimeException e) {
            LOG.warn("Catching up WebSocket client {} failed: {}", peer(), e.getMessage());
            close(CloseCodes.INTERNAL_ERROR, "could not read the history; reconnect with after=<last id>");
        }
    }

    /** The store had nothing newer. Goes live, unless frames were dropped meanwhile: then reads once more. */
    private boolean finishReplay() {
        lock.lock();
        try {
            if (closing) {
                return true;
            }
            if (heldBackOverflowed) {
                heldBackOverflowed = false;
                heldBack.clear();
                return false;
            }
            goLive();
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Replay waits for the client instead of closing it: it is reading what it asked for. */
    private boolean enqueueWhenThereIsRoom(OutboundFrame frame) {
        lock.lock();
        try {
            while (!closing && queuedFrames > 0 && !fits(frame)) {
                roomOrClosing.awaitUninterruptibly();
            }
            if (closing) {
                return false;
            }
            if (frame.messageId() > lastQueuedMessageId) {
                enqueue(frame);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void goLive() {
        OutboundFrame frame;
        while ((frame = heldBack.poll()) != null) {
            if (frame.messageId() > lastQueuedMessageId && !enqueueOrCloseAsSlow(frame)) {
                return;
            }
        }
        phase = Phase.LIVE;
    }

    private void holdBack(List<OutboundFrame> frames) {
        if (heldBackOverflowed) {
            return; // the store has them; replay reads them once the client is ready
        }
        if (heldBack.size() + frames.size() > limits.maxFrames()) {
            heldBack.clear();
            heldBackOverflowed = true;
            return;
        }
        heldBack.addAll(frames);
    }

    private boolean enqueueOrCloseAsSlow(OutboundFrame frame) {
        if (!fits(frame)) {
            LOG.info(
                    "Closing slow WebSocket client {}: {} frames ({} bytes) not yet written",
                    peer(),
                    queuedFrames,
                    queuedBytes);
            close(CloseCodes.POLICY_VIOLATION, "slow consumer");
            return false;
        }
        enqueue(frame);
        return true;
    }

    private boolean fits(OutboundFrame frame) {
        return queuedFrames + 1 <= limits.maxFrames() && queuedBytes + frame.size() <= limits.maxBytes();
    }

    /** Queues the frame on the connection; it counts against the bound until it is written. */
    private void enqueue(OutboundFrame frame) {
        queuedFrames++;
        queuedBytes += frame.size();
        if (frame.messageId() > 0) {
            lastQueuedMessageId = frame.messageId();
        }
        connection.send(frame.bytes(), frame.publishedNanos());
    }

    private void markClosing(int code, String reason) {
        closing = true;
        closeCode = code;
        closeReason = reason;
        heldBack.clear();
        roomOrClosing.signalAll();
    }
}
