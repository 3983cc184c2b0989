package dev.chatgopher.persistence.jooq.feed;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.port.out.MessageStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads what other nodes committed, on a thread of its own: woken by requests, it reads pages of every message above
 * the last delivered id until a page comes back short, and delivers each. Requests made while a read runs are
 * coalesced into one more read. A failed read is retried with backoff while a request is pending; the thread never
 * dies of it.
 */
final class CatchUpReader implements AutoCloseable {

    /** Rows per read: a page of the primary key, fetched in milliseconds. */
    static final int PAGE_SIZE = 1_000;

    private final MessageStore store;
    private final DeliveryCursor cursor;
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private final OutageLog outage = new OutageLog("Reading the messages of other nodes");
    private final AtomicLong reads = new AtomicLong();
    private final Thread thread;
    private boolean requested;
    private boolean closed;

    CatchUpReader(MessageStore store, DeliveryCursor cursor) {
        this.store = store;
        this.cursor = cursor;
        this.thread = Thread.ofPlatform().name("chat-feed-catch-up").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Asks for a read of everything above the last delivered id; returns at once. */
    synchronized void request() {
        requested = true;
        notifyAll();
    }

    /** Page reads done so far, failed ones included. */
    long reads() {
        return reads.get();
    }

    private void run() {
        while (awaitRequest()) {
            try {
                catchUp();
                outage.recovered();
                backoff.reset();
            } catch (RuntimeException e) {
                outage.failed(e);
                pauseUnlessRequested(backoff.next());
                request(); // still owed: the messages are in the database, waiting for it to answer
            }
        }
    }

    private void catchUp() {
        long after = cursor.lastDelivered();
        while (true) {
            reads.incrementAndGet();
            List<Message> page = store.readAfter(RoomSelection.all(), after, PAGE_SIZE);
            if (!page.isEmpty()) {
                cursor.deliverNewer(page);
                after = Math.max(page.getLast().id(), cursor.lastDelivered());
            }
            if (page.size() < PAGE_SIZE) {
                return;
            }
        }
    }

    /** Waits for a request and takes it; false once closed. */
    private synchronized boolean awaitRequest() {
        while (!requested && !closed) {
            try {
                wait();
            } catch (InterruptedException e) {
                closed = true;
            }
        }
        requested = false;
        return !closed;
    }

    /**
     * Waits before a retry, but no longer once a new request comes: a notification means the database answers
     * again.
     */
    private synchronized void pauseUnlessRequested(Duration pause) {
        long until = System.nanoTime() + pause.toNanos();
        long remaining;
        while (!closed && !requested && (remaining = until - System.nanoTime()) > 0) {
            try {
                wait(Math.max(1, remaining / 1_000_000));
            } catch (InterruptedException e) {
                closed = true;
            }
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
