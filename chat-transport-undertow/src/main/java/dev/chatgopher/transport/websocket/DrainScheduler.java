package dev.chatgopher.transport.websocket;

import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.xnio.XnioIoThread;

/**
 * Hands connections with frames waiting to their IO threads, one task per IO thread rather than one per
 * connection: a message fanned out to a thousand clients wakes each IO thread once, not a thousand times.
 */
public final class DrainScheduler {

    private final Map<XnioIoThread, ThreadDrains> byThread = new ConcurrentHashMap<>();

    void schedule(WebSocketConnection connection) {
        byThread.computeIfAbsent(connection.ioThread(), ThreadDrains::new).add(connection);
    }

    /** The connections of one IO thread that have frames waiting. */
    private static final class ThreadDrains implements Runnable {
        private final XnioIoThread thread;
        private final Queue<WebSocketConnection> waiting = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        ThreadDrains(XnioIoThread thread) {
            this.thread = thread;
        }

        void add(WebSocketConnection connection) {
            waiting.add(connection);
            if (scheduled.compareAndSet(false, true)) {
                try {
                    thread.execute(this);
                } catch (RejectedExecutionException stopping) {
                    scheduled.set(false);
                    connection.abort();
                }
            }
        }

        @Override
        public void run() {
            scheduled.set(false); // before draining: a connection added from now on schedules another run
            WebSocketConnection connection;
            while ((connection = waiting.poll()) != null) {
                connection.drain();
            }
        }
    }
}
