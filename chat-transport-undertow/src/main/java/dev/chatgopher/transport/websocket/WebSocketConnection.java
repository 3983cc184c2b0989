package dev.chatgopher.transport.websocket;

import io.undertow.connector.ByteBufferPool;
import io.undertow.connector.PooledByteBuffer;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.xnio.IoUtils;
import org.xnio.StreamConnection;
import org.xnio.XnioIoThread;
import org.xnio.conduits.ConduitStreamSinkChannel;
import org.xnio.conduits.ConduitStreamSourceChannel;

/**
 * One upgraded WebSocket connection: reads frames through a {@link FrameDecoder} and writes prepared frames.
 * All socket work happens on the connection's IO thread. Frames from other threads wait in an outbox; a
 * {@link DrainScheduler} has the IO thread write everything waiting with one gathering write, so a client that
 * is sent ten messages meanwhile costs one system call, not ten.
 *
 * <p>Closing follows RFC 6455 section 7: the close frame goes out right after what is already being written
 * (frames still waiting in the outbox are dropped), the client's answering close frame (or a grace period) ends
 * the TCP connection.
 */
public final class WebSocketConnection {

    /** What the connection's user is told, on the connection's IO thread. */
    public interface Events {
        /** A complete text message, valid UTF-8; never one that arrived after either side's close frame. */
        void text(String message);

        /** A complete binary message (its bytes are not kept); never one after either side's close frame. */
        void binary();

        /** A ping arrived; its pong is on its way (or, while many wait unwritten, the latest ping's will be). */
        void ping();

        /** A pong arrived (solicited or not). */
        void pong();

        /** The client sent a close frame with this code (1005 when it gave none); the answer is on its way. */
        void closeReceived(int code);

        /** The client broke the protocol; the connection is closing with this code and reason. */
        void violation(int closeCode, String reason);

        /** Frames passed to {@link #send} were fully written to the socket: they no longer count as queued. */
        void written(int frames, long bytes, long oldestPublishedNanos);

        /**
         * The connection is gone, whatever the reason: {@code closeCode} is the code exchanged (1006 when no close
         * frame was), {@code by} who sent the first close frame.
         */
        void disconnected(int closeCode, ClosedBy by);
    }

    /** Who started the closing handshake; {@code NETWORK} when the connection ended without one. */
    public enum ClosedBy {
        SERVER,
        CLIENT,
        NETWORK
    }

    private static final int MAX_BUFFERS_PER_WRITE = 64;
    /**
     * The gathering write's array, one per IO thread: building a fresh one per write with a stream cost about
     * 5 % of the server's CPU in the fan-out benchmark. Emptied after each write so it holds no frame.
     */
    private static final ThreadLocal<ByteBuffer[]> GATHER =
            ThreadLocal.withInitial(() -> new ByteBuffer[MAX_BUFFERS_PER_WRITE]);

    private static final long CLOSE_GRACE_MILLIS = 2_000;

    /**
     * Pongs queued and not yet written, at most: past it, a ping is answered only once one of them is out, and only
     * the latest such ping (RFC 6455 section 5.5.3 allows answering just the most recent). A client that pings
     * without reading would otherwise grow an outbox no session bound counts.
     */
    private static final int MAX_PONGS_WAITING = 16;

    private final StreamConnection connection;
    private final ConduitStreamSourceChannel source;
    private final ConduitStreamSinkChannel sink;
    private final ByteBufferPool buffers;
    private final DrainScheduler drains;
    private final FrameDecoder decoder;
    private final Events events;
    /** What a frame on its way out is: messages are reported back through {@link Events#written}. */
    private enum Kind {
        MESSAGE,
        PONG,
        CONTROL
    }

    /** A frame on its way out. */
    private record Outgoing(ByteBuffer bytes, Kind kind, long publishedNanos) {}

    /** Frames accepted from any thread, waiting for the IO thread. Guarded by {@code this}. */
    private ArrayDeque<Outgoing> outbox;
    /** Frames handed to the socket but not completely written yet. IO thread only. */
    private ArrayDeque<Outgoing> writing = new ArrayDeque<>();

    private boolean drainRequested;
    /** Pongs in the outbox or being written. Guarded by {@code this}. */
    private int pongsWaiting;
    /** The latest ping not answered yet because {@link #MAX_PONGS_WAITING} were waiting. Guarded by {@code this}. */
    private byte[] unansweredPing;
    /** Our close frame is queued: from then on nothing the client sends is passed on (RFC 6455 section 5.5.1). */
    private volatile boolean closeQueued;

    private volatile boolean closed;
    /** The close code exchanged and who sent it first; 1006 by the network when no close frame came. */
    private volatile int closeCode = 1006;

    private volatile ClosedBy closedBy = ClosedBy.NETWORK;

    public WebSocketConnection(
            StreamConnection connection,
            ByteBufferPool buffers,
            DrainScheduler drains,
            long maxMessageBytes,
            Events events) {
        this.connection = connection;
        this.source = connection.getSourceChannel();
        this.sink = connection.getSinkChannel();
        this.buffers = buffers;
        this.drains = drains;
        this.events = events;
        this.decoder = new FrameDecoder(maxMessageBytes, new Replying());
    }

    /** Starts reading; called once, on the IO thread, right after the upgrade. */
    public void start() {
        connection.setCloseListener(closedConnection -> {
            closed = true;
            events.disconnected(closeCode, closedBy);
        });
        source.setReadListener(channel -> read());
        sink.setWriteListener(channel -> writeWhatIsPending());
        source.resumeReads();
    }

    public XnioIoThread ioThread() {
        return connection.getIoThread();
    }

    /**
     * Queues a prepared frame (any thread); it is written in order after what is already queued, and reported
     * through {@link Events#written} once it is.
     */
    public void send(ByteBuffer frame, long publishedNanos) {
        queue(frame, Kind.MESSAGE, publishedNanos);
    }

    /** Queues a ping (any thread); the pong arrives as {@link Events#pong}. */
    public void ping() {
        queue(WebSocketFrames.ping(), Kind.CONTROL, 0);
    }

    /** Answers a client's ping, or keeps it for later when too many pongs are waiting already. */
    private void answerPing(byte[] payload) {
        synchronized (this) {
            if (pongsWaiting >= MAX_PONGS_WAITING) {
                unansweredPing = payload;
                return;
            }
        }
        queue(WebSocketFrames.pong(payload), Kind.PONG, 0);
    }

    private void queue(ByteBuffer frame, Kind kind, long publishedNanos) {
        boolean schedule;
        synchronized (this) {
            if (closeQueued || closed) {
                return;
            }
            if (outbox == null) {
                outbox = new ArrayDeque<>();
            }
            outbox.add(new Outgoing(frame.duplicate(), kind, publishedNanos));
            if (kind == Kind.PONG) {
                pongsWaiting++;
            }
            schedule = !drainRequested;
            drainRequested = true;
        }
        if (schedule) {
            drains.schedule(this);
        }
    }

    /**
     * Starts the closing handshake (any thread): frames not yet handed to the socket are dropped, the close frame
     * follows what is already being written, and the connection is cut if the client does not answer in time.
     */
    public void close(int code, String reason) {
        synchronized (this) {
            if (closeQueued || closed) {
                return;
            }
            closeQueued = true;
            if (closedBy == ClosedBy.NETWORK) {
                closeCode = code;
                closedBy = ClosedBy.SERVER;
            }
            outbox = new ArrayDeque<>();
            outbox.add(new Outgoing(WebSocketFrames.close(code, reason), Kind.CONTROL, 0));
            drainRequested = true;
        }
        drains.schedule(this);
        try {
            ioThread().executeAfter(this::abort, CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            abort();
        }
    }

    /** Ends the TCP connection at once. */
    void abort() {
        IoUtils.safeClose(connection);
    }

    /** On the IO thread: moves the outbox to the socket and writes as much as it takes. */
    void drain() {
        ArrayDeque<Outgoing> taken;
        synchronized (this) {
            drainRequested = false;
            taken = outbox;
            outbox = null;
        }
        if (taken != null) {
            if (writing.isEmpty()) {
                // The usual case: take the outbox as it is, and offer the empty deque back as the next outbox
                // (copying frame by frame was 6 % of the server's CPU in the fan-out benchmark).
                ArrayDeque<Outgoing> emptied = writing;
                writing = taken;
                synchronized (this) {
                    if (outbox == null && !closeQueued) {
                        outbox = emptied;
                    }
                }
            } else {
                writing.addAll(taken);
            }
        }
        writeWhatIsPending();
    }

    private void writeWhatIsPending() {
        try {
            int frames = 0;
            long bytes = 0;
            long oldestPublishedNanos = 0;
            while (!writing.isEmpty()) {
                ByteBuffer[] gather = GATHER.get();
                int count = 0;
                for (Outgoing outgoing : writing) {
                    if (count == MAX_BUFFERS_PER_WRITE) {
                        break;
                    }
                    gather[count++] = outgoing.bytes();
                }
                long written;
                try {
                    written = sink.write(gather, 0, count);
                } finally {
                    Arrays.fill(gather, 0, count, null);
                }
                while (!writing.isEmpty() && !writing.peekFirst().bytes().hasRemaining()) {
                    Outgoing done = writing.pollFirst();
                    if (done.kind() == Kind.PONG) {
                        pongWritten();
                    } else if (done.kind() == Kind.MESSAGE) {
                        bytes += done.bytes().limit();
                        frames++;
                        if (oldestPublishedNanos == 0) {
                            oldestPublishedNanos = done.publishedNanos();
                        }
                    }
                }
                if (written == 0
                        || (!writing.isEmpty() && writing.peekFirst().bytes().hasRemaining())) {
                    break; // the socket is full: continue when it is writable again
                }
            }
            if (writing.isEmpty()) {
                if (sink.flush()) {
                    sink.suspendWrites();
                } else {
                    sink.resumeWrites();
                }
                if (closeQueued && !hasQueuedWork()) {
                    sink.shutdownWrites(); // our close frame is out: nothing more will be written
                    sink.flush();
                }
            } else {
                sink.resumeWrites();
            }
            if (frames > 0) {
                events.written(frames, bytes, oldestPublishedNanos);
            }
        } catch (IOException broken) {
            abort();
        }
    }

    /** A pong is out: room for one more, so the latest ping kept waiting is answered now. */
    private void pongWritten() {
        byte[] payload;
        synchronized (this) {
            pongsWaiting--;
            payload = unansweredPing;
            unansweredPing = null;
        }
        if (payload != null) {
            answerPing(payload);
        }
    }

    private synchronized boolean hasQueuedWork() {
        return outbox != null && !outbox.isEmpty();
    }

    private void read() {
        PooledByteBuffer pooled = buffers.allocate();
        try {
            ByteBuffer buffer = pooled.getBuffer();
            while (true) {
                buffer.clear();
                int read = source.read(buffer);
                if (read < 0) {
                    abort(); // the client went away without a close frame
                    return;
                }
                if (read == 0) {
                    return;
                }
                buffer.flip();
                decoder.feed(buffer);
                if (!source.isReadResumed()) {
                    return; // the session paused reading (back-pressure on its sends)
                }
            }
        } catch (IOException broken) {
            abort();
        } finally {
            pooled.close();
        }
    }

    /** Stops reading from the client (on the IO thread). */
    public void suspendReads() {
        source.suspendReads();
    }

    /** Reads again (on the IO thread). */
    public void resumeReads() {
        source.resumeReads();
    }

    /** Answers pings and close frames as the protocol requires, then tells the user. */
    private final class Replying implements FrameDecoder.Receiver {

        @Override
        public void text(String message) {
            if (!closeQueued) {
                events.text(message);
            }
        }

        @Override
        public void binary() {
            if (!closeQueued) {
                events.binary();
            }
        }

        @Override
        public void ping(byte[] payload) {
            answerPing(payload);
            events.ping();
        }

        @Override
        public void pong() {
            events.pong();
        }

        @Override
        public void close(int code) {
            if (closedBy == ClosedBy.NETWORK) {
                closeCode = code;
                closedBy = ClosedBy.CLIENT;
            }
            events.closeReceived(code);
            // Echo the client's code (RFC 6455 section 5.5.1); a close without one (1005, which is never sent) is
            // answered 1000. The decoder has already refused codes that may not be received.
            int answer = code == 1005 ? CloseCodes.NORMAL : code;
            WebSocketConnection.this.close(answer, "");
        }

        @Override
        public void violation(int closeCode, String reason) {
            events.violation(closeCode, reason);
            WebSocketConnection.this.close(closeCode, reason);
        }
    }
}
