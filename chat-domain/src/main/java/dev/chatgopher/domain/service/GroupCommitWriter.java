package dev.chatgopher.domain.service;

import dev.chatgopher.domain.model.IdempotencyConflictException;
import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.NotStoredInTimeException;
import dev.chatgopher.domain.model.OutcomeUnknownException;
import dev.chatgopher.domain.model.OverloadedException;
import dev.chatgopher.domain.model.StoreUnavailableException;
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
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * The single writer of a node, with group commit. Sends wait in a bounded queue; one thread takes everything
 * waiting (up to a batch size), stores it in one transaction, completes every send's future after the commit,
 * then publishes the new messages to the feed in id order. Many concurrent senders thus share one commit, and
 * nothing reaches a subscriber before it is durable.
 *
 * <p>Every send has a deadline, the answer timeout. A send still queued when it passes is taken out of the queue
 * and answered {@link NotStoredInTimeException}: it never reaches the store. A send already in a batch with the
 * store is answered {@link OutcomeUnknownException}; if that batch commits later, its messages are published as
 * usual. While the {@link StoreAvailability} says the store is down, sends are refused at once with
 * {@link StoreUnavailableException} and waiting ones are answered the same without being tried.
 */
public final class GroupCommitWriter implements SendMessageUseCase, AutoCloseable {

    private static final System.Logger LOG = System.getLogger(GroupCommitWriter.class.getName());
    private static final Duration IDLE_WAKE_UP = Duration.ofSeconds(1);
    private static final Duration KEY_PURGE_INTERVAL = Duration.ofMinutes(1);

    /** A class, not a record: the deadline watcher takes sends out of the queue by identity, never by value. */
    private static final class PendingSend {
        final Submission submission;
        final CompletableFuture<Message> result;
        final long deadlineMillis;

        PendingSend(Submission submission, CompletableFuture<Message> result, long deadlineMillis) {
            this.submission = submission;
            this.result = result;
            this.deadlineMillis = deadlineMillis;
        }
    }

    /** A batch handed to the store, and {@code clock.millis()} when it was. */
    private record InFlight(List<PendingSend> sends, long sinceMillis) {}

    /** Queued by {@link #close()} so that an idle writer notices at once. */
    private static final PendingSend WAKE_UP = new PendingSend(null, null, Long.MAX_VALUE);

    private final MessageStore store;
    private final MessageFeed feed;
    private final TextLengthLimit textLengthLimit;
    private final WriterSettings settings;
    private final Clock clock;
    private final CreationTimes creationTimes;
    private final StoreAvailability availability;
    private final BlockingQueue<PendingSend> queue;
    /** The batch the store is working on now, for the deadline watcher and for sends; null between batches. */
    private volatile InFlight inFlight;
    /** Sends hold the read side while enqueueing; close takes the write side, so no send can slip in after it. */
    private final ReadWriteLock accepting = new ReentrantReadWriteLock();

    private final Thread thread;
    private final Thread deadlineWatcher;
    private final long deadlineCheckNanos;
    private final LongAdder notStoredInTime = new LongAdder();
    private final LongAdder outcomeUnknownInTime = new LongAdder();
    private final LongAdder committedBatches = new LongAdder();
    private final LongAdder committedMessages = new LongAdder();
    private boolean closed;
    private Instant nextKeyPurge = Instant.MIN;

    private GroupCommitWriter(
            MessageStore store,
            MessageFeed feed,
            TextLengthLimit textLengthLimit,
            WriterSettings settings,
            Clock clock,
            StoreAvailability availability) {
        this.store = store;
        this.availability = availability;
        this.feed = feed;
        this.textLengthLimit = textLengthLimit;
        this.settings = settings;
        this.clock = clock;
        this.creationTimes = new CreationTimes(clock);
        this.queue = new ArrayBlockingQueue<>(settings.queueCapacity());
        this.thread = Thread.ofPlatform().name("message-writer").unstarted(this::writeUntilClosed);
        this.deadlineWatcher =
                Thread.ofPlatform().name("message-writer-deadlines").daemon().unstarted(this::watchDeadlines);
        // Answers go out at most this late: a fiftieth of the timeout, between 1 and 20 ms (20 ms for the default 1 s).
        this.deadlineCheckNanos = Math.clamp(settings.answerTimeout().toNanos() / 50, 1_000_000L, 20_000_000L);
    }

    /** Creates the writer for a store that is always there (in memory) and starts its threads. */
    public static GroupCommitWriter start(
            MessageStore store,
            MessageFeed feed,
            TextLengthLimit textLengthLimit,
            WriterSettings settings,
            Clock clock) {
        return start(store, feed, textLengthLimit, settings, clock, StoreAvailability.assumeAvailable());
    }

    /** Creates the writer and starts its threads; sends are refused at once while {@code availability} says so. */
    public static GroupCommitWriter start(
            MessageStore store,
            MessageFeed feed,
            TextLengthLimit textLengthLimit,
            WriterSettings settings,
            Clock clock,
            StoreAvailability availability) {
        GroupCommitWriter writer = new GroupCommitWriter(store, feed, textLengthLimit, settings, clock, availability);
        writer.thread.start();
        writer.deadlineWatcher.start();
        return writer;
    }

    @Override
    public CompletableFuture<Message> send(NewMessage message, IdempotencyKey idempotencyKey) {
        try {
            textLengthLimit.check(message);
        } catch (RuntimeException invalid) {
            return CompletableFuture.failedFuture(invalid);
        }
        if (!availability.isAvailable()) {
            return CompletableFuture.failedFuture(unavailable());
        }
        long now = clock.millis();
        InFlight working = inFlight;
        if (working != null
                && now - working.sinceMillis() > settings.answerTimeout().toMillis()) {
            // The store has not finished a batch within a whole deadline: a send queued now would only time out too.
            return CompletableFuture.failedFuture(new StoreUnavailableException("the database has not answered for "
                    + (now - working.sinceMillis()) + " ms; it was not stored, try again shortly"));
        }
        PendingSend send = new PendingSend(
                new Submission(message, idempotencyKey),
                new CompletableFuture<>(),
                now + settings.answerTimeout().toMillis());
        accepting.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new OverloadedException("the server is shutting down; retry shortly"));
            }
            if (!queue.offer(send)) {
                return CompletableFuture.failedFuture(
                        new OverloadedException("too many messages are waiting to be stored ("
                                + settings.queueCapacity() + "); retry shortly"));
            }
        } finally {
            accepting.readLock().unlock();
        }
        return send.result;
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

    /** Sends answered "not stored" because their deadline passed while they were still queued. */
    public long notStoredInTime() {
        return notStoredInTime.sum();
    }

    /** Sends answered "outcome unknown" because their deadline passed while the store was working on them. */
    public long outcomeUnknownInTime() {
        return outcomeUnknownInTime.sum();
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
        deadlineWatcher.interrupt();
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
                batch.removeIf(send -> send == WAKE_UP || answeredIfOverdue(send));
                if (!batch.isEmpty()) {
                    if (availability.isAvailable()) {
                        commit(batch);
                    } else {
                        StoreUnavailableException down = unavailable();
                        batch.forEach(send -> send.result.completeExceptionally(down));
                    }
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
        List<Submission> submissions = new ArrayList<>(batch.size());
        for (PendingSend send : batch) {
            submissions.add(send.submission);
        }
        List<Appended> results;
        inFlight = new InFlight(batch, clock.millis());
        try {
            results = store.append(submissions, creationTimes.next());
        } catch (RuntimeException failure) {
            // Not stored (or, for OutcomeUnknownException, perhaps stored): every sender hears which, nothing is
            // published.
            if (failure instanceof StoreUnavailableException || failure instanceof OutcomeUnknownException) {
                availability.reportUnavailable(failure);
            }
            batch.forEach(send -> send.result.completeExceptionally(failure));
            return;
        } finally {
            inFlight = null;
        }
        committedBatches.increment();
        List<Message> committed = new ArrayList<>(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            PendingSend send = batch.get(i);
            Appended appended = results.get(i);
            // A send answered "outcome unknown" meanwhile keeps that answer; its message is published all the same.
            if (!appended.alreadyStored()) {
                committed.add(appended.message());
                send.result.complete(appended.message());
            } else if (send.submission.message().sameAs(appended.message())) {
                send.result.complete(appended.message());
            } else {
                send.result.completeExceptionally(
                        new IdempotencyConflictException(send.submission.idempotencyKey(), appended.message()));
            }
        }
        committedMessages.add(committed.size());
        if (!committed.isEmpty()) {
            feed.publish(committed);
        }
    }

    /** Answers every send whose deadline has passed, within one check interval of it. */
    private void watchDeadlines() {
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.parkNanos(deadlineCheckNanos);
            long now = clock.millis();
            PendingSend oldest;
            // The queue is in arrival order, so the overdue sends are at its head.
            while ((oldest = queue.peek()) != null && oldest.deadlineMillis <= now) {
                if (queue.remove(oldest)) {
                    answerNotStoredInTime(oldest);
                }
            }
            InFlight working = inFlight;
            if (working != null && working.sends().getFirst().deadlineMillis <= now) {
                for (PendingSend send : working.sends()) {
                    if (send.deadlineMillis <= now
                            && send.result.completeExceptionally(
                                    new OutcomeUnknownException("the database did not confirm the message within "
                                            + settings.answerTimeout().toMillis()
                                            + " ms; it may still be stored: retry with the same Idempotency-Key"))) {
                        outcomeUnknownInTime.increment();
                    }
                }
            }
        }
    }

    private static StoreUnavailableException unavailable() {
        return new StoreUnavailableException("the database is unavailable; it was not stored, try again shortly");
    }

    /** A send the writer took just as its deadline passed is answered as if the watcher had taken it. */
    private boolean answeredIfOverdue(PendingSend send) {
        if (send.deadlineMillis > clock.millis()) {
            return false;
        }
        answerNotStoredInTime(send);
        return true;
    }

    private void answerNotStoredInTime(PendingSend send) {
        if (send.result.completeExceptionally(
                new NotStoredInTimeException("the database did not take the message within "
                        + settings.answerTimeout().toMillis() + " ms; it was not stored, try again shortly"))) {
            notStoredInTime.increment();
        }
    }

    private void forgetOldIdempotencyKeysWhenDue() {
        Instant now = clock.instant();
        if (now.isBefore(nextKeyPurge) || !availability.isAvailable()) {
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
        waiting.remove(WAKE_UP);
        waiting.forEach(
                send -> send.result.completeExceptionally(new OverloadedException("the writer was interrupted")));
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
}
