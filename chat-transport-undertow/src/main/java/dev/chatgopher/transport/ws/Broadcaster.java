package dev.chatgopher.transport.ws;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.port.MessageListener;
import dev.chatgopher.transport.json.MessageJson;
import dev.chatgopher.transport.websocket.CloseCodes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans committed messages out to the sessions that follow their rooms. Each message is encoded once, JSON and
 * WebSocket frame header together, on a thread of its own so the writer never waits for the sockets; the hand-off
 * queue is bounded, so a fan-out that falls behind slows the writer instead of growing the heap ({@link
 * #onMessages} blocks then, on purpose). Under load, fan-outs are at least a fan-out interval apart, so that each
 * client gets several frames per write.
 *
 * <p>Sessions are found through a {@link RoomIndex}: a fan-out visits only the followers of the rooms its
 * messages are in.
 */
final class Broadcaster implements MessageListener, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Broadcaster.class);
    private static final int PENDING_BATCHES = 4_096;
    /** A committed batch and when it was published, right after its commit. */
    private record Published(List<Message> batch, long nanos) {}

    private static final Published STOP = new Published(List.of(), 0);

    private final Set<ClientSession> sessions = ConcurrentHashMap.newKeySet();
    private final RoomIndex<ClientSession> followers = new RoomIndex<>();
    /** The newest id handed to the sessions; set before a batch goes out, so a session added after reading it gets everything newer. */
    private volatile long lastFannedOutId;

    private final BlockingQueue<Published> pending = new ArrayBlockingQueue<>(PENDING_BATCHES);
    private final Thread fanout = Thread.ofPlatform().name("ws-fanout").daemon().unstarted(this::fanOutUntilStopped);
    private final long intervalNanos;

    Broadcaster(Duration fanOutInterval) {
        this.intervalNanos = fanOutInterval.toNanos();
        fanout.start();
    }

    void add(ClientSession session) {
        sessions.add(session);
        followers.add(session);
    }

    void remove(ClientSession session) {
        if (sessions.remove(session)) {
            followers.remove(session);
        }
    }

    int sessionCount() {
        return sessions.size();
    }

    void forEachSession(Consumer<ClientSession> action) {
        sessions.forEach(action);
    }

    /**
     * Where a new live-only session starts: call it after {@link #add}. Every batch with newer ids is fanned out
     * after this value was set, hence after the session joined, so the session receives it.
     */
    long lastFannedOutId() {
        return lastFannedOutId;
    }

    @Override
    public void onMessages(List<Message> batch) {
        try {
            pending.put(new Published(batch, System.nanoTime()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the fan-out and closes every session with 1001, telling clients to come back later. */
    @Override
    public void close() {
        pending.clear();
        pending.offer(STOP);
        sessions.forEach(session -> session.close(CloseCodes.GOING_AWAY, "server shutting down"));
        try {
            fanout.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void fanOutUntilStopped() {
        long lastFanOut = System.nanoTime() - intervalNanos;
        List<Published> taken = new ArrayList<>();
        while (true) {
            try {
                taken.add(pending.take());
                long wait = lastFanOut + intervalNanos - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait); // gather what else is committed meanwhile
                }
            } catch (InterruptedException e) {
                return;
            }
            pending.drainTo(taken);
            for (Published published : taken) {
                if (published == STOP) {
                    return;
                }
            }
            fanOut(taken);
            taken.clear();
            lastFanOut = System.nanoTime();
        }
    }

    private void fanOut(List<Published> batches) {
        try {
            lastFannedOutId = batches.getLast().batch().getLast().id();
            if (sessions.isEmpty()) {
                return; // nobody to encode for; a session joining now starts after lastFannedOutId
            }
            List<OutboundFrame> frames = new ArrayList<>();
            for (Published published : batches) {
                for (Message message : published.batch()) {
                    frames.add(OutboundFrame.live(message, MessageJson.encode(message), published.nanos()));
                }
            }
            followers.deliver(frames);
        } catch (RuntimeException e) {
            LOG.error("Fan-out of {} batches failed", batches.size(), e);
        }
    }
}
