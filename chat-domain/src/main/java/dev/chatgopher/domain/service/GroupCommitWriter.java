package dev.chatgopher.domain.service;

import dev.chatgopher.domain.model.IdempotencyConflictException;
import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.OverloadedException;
import dev.chatgopher.domain.model.TextLengthLimit;
import dev.chatgopher.domain.port.in.SendMessageUseCase;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.MessageFeed;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.Submission;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The single writer of a node, with group commit. Sends wait in a bounded queue; one thread takes everything
 * waiting (up to a batch size), stores it in one transaction, completes every send's future after the commit,
 * then publishes the new messages to the feed in id order. Many concurrent senders thus share one commit, and
 * nothing reaches a subscriber before it is durable.
 */
public final class GroupCommitWriter implements SendMessageUseCase, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GroupCommitWriter.class.getName());
    private static final Duration IDLE_WAKE_UP = Duration.ofSeconds(1);
    private static final Duration KEY_PURGE_INTERVAL = Duration.ofMinutes(1);

    private record PendingSend(Submission submission, CompletableFuture<Message> result) {
    }

    /** Queued by {@link #close()} so that an idle writer notices at once. */
    private static final PendingSend WAKE_UP = new PendingSend(null, null);

    private final MessageStore store;
    private final MessageFeed feed;
    private final TextLengthLimit textLengthLimit;
    private final WriterSettings settings;
    private final Clock clock;
    private final CreationTimes creationTimes;
    private final BlockingQueue<PendingSend> queue;
    /** Sends hold the read side while enqueueing; close takes the write side, so no send can slip in after it. */
    private final ReadWriteLock accepting = new ReentrantReadWriteLock();
    private final Thread thread;
    private final LongAdder committedBatches = new LongAdder();
    private final LongAdder committedMessages = new LongAdder();
    private boolean closed;
    private Instant nextKeyPurge = Instant.MIN;

    private GroupCommitWriter(MessageStore store, MessageFeed feed, TextLengthLimit textLengthLimit,
                              WriterSettings settings, Clock clock) {
        this.store = store;
        this.feed = feed;
        this.textLengthLimit = textLengthLimit;
        this.settings = settings;
        this.clock = clock;
        this.creationTimes = new CreationTimes(clock);
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.thread = Thread.ofPlatform().name("message-writer").unstarted(this::writeUntilClosed);
    }

    /** Creates the writer and starts its thread. */
    public static GroupCommitWriter start(MessageStore store, MessageFeed feed, TextLengthLimit textLengthLimit,
                                          WriterSettings settings, Clock clock) {
        GroupCommitWriter writer = new GroupCommitWriter(store, feed, textLengthLimit, settings, clock);
        writer.thread.start();
        return writer;
    }

    @Override
    public CompletableFuture<Message> send(NewMessage message, IdempotencyKey idempotencyKey) {
        try {
            textLengthLimit.check(message);
        } catch (RuntimeException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        PendingSend send = new PendingSend(new Submission(message, idempotencyKey), new CompletableFuture<>());
        accepting.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(new OverloadedException("the server is shutting down; retry shortly"));
            }
            if (!queue.offer(send)) {
                return CompletableFuture.failedFuture(new OverloadedException(
                        "too many messages are waiting to be stored (" + settings.queueCapacity() + "); retry shortly"));
            }
        } finally {
            accepting.readLock().unlock();
        }
        return send.result();
    }

    /** Sends waiting for the writer right now. */
    public int waitingSends() {
        return queue.size();
    }

    /** Transactions committed since start. */
    public long committedBatches() {
        return committedBatches.sum();
    }

    /** New messages committed since start (idempotent repeats not counted). */
    public long committedMessages() {
        return committedMessages.sum();
    }

    /** Stops taking sends, stores every send already waiting, and stops the writer thread. */
    @Override
    public void close() {
        accepting.writeLock().lock();
        try {
            closed = true;
        } finally {
            accepting.writeLock().unlock();
        }
        queue.offer(WAKE_UP); // when the queue is full the writer is busy and will see the flag anyway
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void writeUntilClosed() {
        List<PendingSend> batch = new ArrayList<>(settings.maxBatchSize());
        while (true) {
            PendingSend first;
            try {
                first = queue.poll(IDLE_WAKE_UP.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                failWaiting(e);
                return;
            }
            if (first != null) {
                batch.add(first);
                queue.drainTo(batch, settings.maxBatchSize() - 1);
                batch.removeIf(send -> send == WAKE_UP);
                if (!batch.isEmpty()) {
                    commit(batch);
                }
                batch.clear();
            }
            if (isClosed() && queue.isEmpty()) {
                return;
            }
            forgetOldIdempotencyKeysWhenDue();
        }
    }

    private void commit(List<PendingSend> batch) {
        List<Appended> results;
        try {
            results = store.append(batch.stream().map(PendingSend::submission).toList(), creationTimes.next());
        } catch (RuntimeException failure) {
            // Nothing of the batch was stored: every sender hears why, and nothing is published.
            batch.forEach(send -> send.result().completeExceptionally(failure));
            return;
        }
        committedBatches.increment();
        List<Message> committed = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            PendingSend send = batch.get(i);
            Appended appended = results.get(i);
            if (!appended.alreadyStored()) {
                committed.add(appended.message());
                send.result().complete(appended.message());
            } else if (sameMessage(appended.message(), send.submission().message())) {
                send.result().complete(appended.message());
            } else {
                send.result().completeExceptionally(new IdempotencyConflictException(send.submission().idempotencyKey(), appended.message()));
            }
        }
        committedMessages.add(committed.size());
        if (!committed.isEmpty()) {
            feed.publish(committed);
        }
    }

    private void forgetOldIdempotencyKeysWhenDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextKeyPurge)) {
            return;
        }
        nextKeyPurge = now.plus(KEY_PURGE_INTERVAL);
        try {
            store.forgetIdempotencyKeysBefore(now.minus(settings.idempotencyRetention()));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Could not forget old idempotency keys; will try again: " + e.getMessage());
        }
    }

    private void failWaiting(InterruptedException cause) {
        List<PendingSend> waiting = new ArrayList<>();
        queue.drainTo(waiting);
        waiting.forEach(send -> send.result().completeExceptionally(new OverloadedException("the writer was interrupted")));
        LOG.log(Level.ERROR, "Message writer interrupted", cause);
    }

    private boolean isClosed() {
        accepting.readLock().lock();
        try {
            return closed;
        } finally {
            accepting.readLock().unlock();
        }
    }

    private static boolean sameMessage(Message stored, NewMessage sent) {
        return stored.sequence() == sent.sequence() && stored.text().equals(sent.text());
    }
}
