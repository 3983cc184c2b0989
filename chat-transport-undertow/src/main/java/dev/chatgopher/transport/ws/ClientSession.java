package dev.chatgopher.transport.ws;

import io.undertow.websockets.core.WebSocketCallback;
import io.undertow.websockets.core.WebSocketChannel;
import io.undertow.websockets.core.WebSockets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * One WebSocket client and its outbound queue.
 *
 * <p>A session starts receiving messages when the upgrade request arrives, before the handshake completes: the
 * client may send as soon as it sees the connection open, so nothing committed after that point may be missed.
 * Until the channel is attached, frames wait in a buffer; afterwards they go to Undertow.
 *
 * <p>Undertow queues outgoing frames without limit, so the bound is kept here: frames handed to Undertow and not
 * yet written to the socket are counted, and a client that lets more than the configured count or bytes pile up
 * is closed with 1008 "slow consumer" (it can come back and catch up from the database). Frames go out in
 * increasing message id order, each id once.
 */
final class ClientSession {

    private static final Logger LOG = LoggerFactory.getLogger(ClientSession.class);
    /** How long a closing client gets to read the close frame before the connection is cut. */
    private static final long CLOSE_GRACE_MILLIS = 2_000;

    private final OutboundLimits limits;
    private final ReentrantLock lock = new ReentrantLock();
    private final Queue<OutboundFrame> beforeAttach = new ArrayDeque<>();
    private WebSocketChannel channel;
    private int queuedFrames;
    private long queuedBytes;
    private long lastQueuedMessageId;
    private boolean closing;
    private int closeCode;
    private String closeReason;

    ClientSession(OutboundLimits limits) {
        this.limits = limits;
    }

    /** The handshake is done: send what arrived meanwhile, then send directly. */
    void attach(WebSocketChannel webSocket) {
        lock.lock();
        try {
            channel = webSocket;
            if (closing) {
                closeChannel();
                return;
            }
            OutboundFrame frame;
            while ((frame = beforeAttach.poll()) != null && !closing) {
                send(frame);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Queues the message frames this client has not been given yet, in order. */
    void deliver(List<OutboundFrame> frames) {
        lock.lock();
        try {
            for (OutboundFrame frame : frames) {
                if (closing) {
                    return;
                }
                if (frame.messageId() <= lastQueuedMessageId) {
                    continue;
                }
                if (!withinLimits(frame)) {
                    LOG.info("Closing slow WebSocket client {}: {} frames ({} bytes) not yet written", peer(), queuedFrames, queuedBytes);
                    close(CloseReasons.POLICY_VIOLATION, "slow consumer");
                    return;
                }
                lastQueuedMessageId = frame.messageId();
                queuedFrames++;
                queuedBytes += frame.size();
                if (channel == null) {
                    beforeAttach.add(frame);
                } else {
                    send(frame);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** Sends the close frame, then cuts the connection if the client does not finish the close in time. */
    void close(int code, String reason) {
        lock.lock();
        try {
            if (closing) {
                return;
            }
            closing = true;
            closeCode = code;
            closeReason = reason;
            beforeAttach.clear();
            if (channel != null) {
                closeChannel();
            }
        } finally {
            lock.unlock();
        }
    }

    private void closeChannel() {
        WebSocketChannel closingChannel = channel;
        WebSockets.sendClose(closeCode, closeReason, closingChannel, null);
        closingChannel.getIoThread().executeAfter(() -> IoUtils.safeClose(closingChannel), CLOSE_GRACE_MILLIS, TimeUnit.MILLISECONDS);
    }

    String peer() {
        return channel == null ? "(handshake in progress)" : String.valueOf(channel.getSourceAddress());
    }

    private boolean withinLimits(OutboundFrame frame) {
        return queuedFrames + 1 <= limits.maxFrames() && queuedBytes + frame.size() <= limits.maxBytes();
    }

    /** Hands an already counted frame to Undertow; it stays counted until Undertow reports it written. */
    private void send(OutboundFrame frame) {
        int size = frame.size();
        WebSockets.sendText(frame.view(), channel, new WebSocketCallback<Void>() {
            @Override
            public void complete(WebSocketChannel ignored, Void context) {
                written(size);
            }

            @Override
            public void onError(WebSocketChannel ignored, Void context, Throwable failure) {
                written(size);
                LOG.debug("Send to {} failed; closing", peer(), failure);
                IoUtils.safeClose(channel);
            }
        });
    }

    private void written(int size) {
        lock.lock();
        try {
            queuedFrames--;
            queuedBytes -= size;
        } finally {
            lock.unlock();
        }
    }
}
