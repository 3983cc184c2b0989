package dev.chatgopher.domain.service;

import dev.chatgopher.domain.inmemory.InMemoryMessageStore;
import dev.chatgopher.domain.model.HistoryPage;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.Submission;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The in-memory store with handles for tests: it records batch sizes, can hold the writer inside
 * {@code append} until the test lets go, and can fail the next append.
 */
final class GatedStore implements MessageStore {

    final InMemoryMessageStore stored = new InMemoryMessageStore();
    final List<Integer> batchSizes = Collections.synchronizedList(new ArrayList<>());
    final List<Instant> purgeCutoffs = Collections.synchronizedList(new ArrayList<>());
    private final Semaphore appendsEntered = new Semaphore(0);
    private volatile CountDownLatch gate;
    private volatile RuntimeException nextFailure;

    /** Appends from now on wait until {@link #open()}. */
    void close() {
        gate = new CountDownLatch(1);
    }

    void open() {
        gate.countDown();
    }

    /** The next append to start (not one already waiting at the gate) fails. */
    void failNextAppend(RuntimeException failure) {
        nextFailure = failure;
    }

    /** Waits until the writer is inside an append. */
    void awaitAppendEntered() throws InterruptedException {
        if (!appendsEntered.tryAcquire(10, TimeUnit.SECONDS)) {
            throw new AssertionError("the writer never called append");
        }
    }

    @Override
    public List<Appended> append(List<Submission> batch, Instant createdAt) {
        batchSizes.add(batch.size());
        RuntimeException failure = nextFailure;
        nextFailure = null;
        appendsEntered.release();
        CountDownLatch current = gate;
        if (current != null) {
            try {
                current.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        if (failure != null) {
            throw failure;
        }
        return stored.append(batch, createdAt);
    }

    @Override
    public void readRange(RoomId room, TimeRange range, MessageSink sink) throws IOException {
        stored.readRange(room, range, sink);
    }

    @Override
    public List<Message> readPage(RoomId room, HistoryPage page) {
        return stored.readPage(room, page);
    }

    @Override
    public List<Message> readAfter(RoomSelection rooms, long afterId, int limit) {
        return stored.readAfter(rooms, afterId, limit);
    }

    @Override
    public List<RoomSummary> listRooms(RoomListing listing) {
        return stored.listRooms(listing);
    }

    @Override
    public int forgetIdempotencyKeysBefore(Instant cutoff) {
        purgeCutoffs.add(cutoff);
        return stored.forgetIdempotencyKeysBefore(cutoff);
    }
}
