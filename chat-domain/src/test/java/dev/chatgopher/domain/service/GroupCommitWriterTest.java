package dev.chatgopher.domain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.inmemory.InMemoryMessageFeed;
import dev.chatgopher.domain.model.IdempotencyConflictException;
import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.NotStoredInTimeException;
import dev.chatgopher.domain.model.OutcomeUnknownException;
import dev.chatgopher.domain.model.OverloadedException;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.model.StoreUnavailableException;
import dev.chatgopher.domain.model.TextLengthLimit;
import dev.chatgopher.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class GroupCommitWriterTest {

    private static final Instant NOW = Instant.parse("2025-02-01T12:00:00.123456789Z");

    private final GatedStore store = new GatedStore();
    private final InMemoryMessageFeed feed = new InMemoryMessageFeed();
    private final MutableClock clock = new MutableClock(NOW);
    private final List<Message> published = Collections.synchronizedList(new ArrayList<>());
    private final List<List<Message>> publishedBatches = Collections.synchronizedList(new ArrayList<>());
    private GroupCommitWriter writer;

    private GroupCommitWriter start(WriterSettings settings) {
        feed.subscribe(batch -> {
            publishedBatches.add(batch);
            published.addAll(batch);
        });
        writer = GroupCommitWriter.start(store, feed, TextLengthLimit.DEFAULT, settings, clock);
        return writer;
    }

    @AfterEach
    void stop() {
        if (writer != null) {
            writer.close();
        }
    }

    @Test
    void completes_with_the_stored_message_then_publishes_it() throws Exception {
        start(WriterSettings.DEFAULT);

        Message sent = writer.send(new NewMessage(RoomId.GENERAL, null, 1, "Hello, World!"))
                .join();

        assertEquals(
                new Message(
                        sent.id(),
                        RoomId.GENERAL,
                        null,
                        1,
                        "Hello, World!",
                        Instant.parse("2025-02-01T12:00:00.123456Z")),
                sent);
        assertEquals(List.of(sent), store.stored.readAfter(RoomSelection.all(), 0, 10));
        awaitPublished(1);
        assertEquals(List.of(sent), published);
    }

    @Test
    void commits_everything_waiting_as_one_batch() throws Exception {
        start(WriterSettings.DEFAULT);
        CompletableFuture<Message> first = sendAndHoldTheWriter(new NewMessage(RoomId.GENERAL, null, 1, "first"));

        List<CompletableFuture<Message>> waiting = new ArrayList<>();
        for (int i = 2; i <= 5; i++) {
            waiting.add(writer.send(new NewMessage(RoomId.GENERAL, null, i, "waiting " + i)));
        }
        store.open();

        first.join();
        List<Message> rest = waiting.stream().map(CompletableFuture::join).toList();
        assertEquals(List.of(1, 4), store.batchSizes);
        awaitPublished(5);
        assertEquals(2, publishedBatches.size());
        assertEquals(rest, publishedBatches.get(1));
        assertIncreasingIds(published);
    }

    @Test
    void a_batch_never_exceeds_the_configured_size() throws Exception {
        start(new WriterSettings(100, 2, Duration.ofHours(24), Duration.ofSeconds(1)));
        CompletableFuture<Message> first = sendAndHoldTheWriter(new NewMessage(RoomId.GENERAL, null, 0, "first"));
        List<CompletableFuture<Message>> waiting = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            waiting.add(writer.send(new NewMessage(RoomId.GENERAL, null, i, "m" + i)));
        }
        store.open();

        first.join();
        waiting.forEach(CompletableFuture::join);
        assertEquals(List.of(1, 2, 2, 1), store.batchSizes);
    }

    @Test
    void refuses_at_once_when_the_queue_is_full_and_keeps_what_it_accepted() throws Exception {
        start(new WriterSettings(2, 10, Duration.ofHours(24), Duration.ofSeconds(1)));
        CompletableFuture<Message> inTransaction = sendAndHoldTheWriter(new NewMessage(RoomId.GENERAL, null, 1, "a"));
        CompletableFuture<Message> queued1 = writer.send(new NewMessage(RoomId.GENERAL, null, 2, "b"));
        CompletableFuture<Message> queued2 = writer.send(new NewMessage(RoomId.GENERAL, null, 3, "c"));

        CompletableFuture<Message> refused = writer.send(new NewMessage(RoomId.GENERAL, null, 4, "d"));

        CompletionException e = assertThrows(CompletionException.class, refused::join);
        assertInstanceOf(OverloadedException.class, e.getCause());
        store.open();
        List<String> stored = List.of(inTransaction.join(), queued1.join(), queued2.join()).stream()
                .map(Message::text)
                .toList();
        assertEquals(List.of("a", "b", "c"), stored);
        assertEquals(3, store.stored.readAfter(RoomSelection.all(), 0, 10).size());
    }

    @Test
    void a_failed_batch_fails_every_send_in_it_and_publishes_nothing() throws Exception {
        start(WriterSettings.DEFAULT);
        CompletableFuture<Message> first = sendAndHoldTheWriter(new NewMessage(RoomId.GENERAL, null, 1, "first"));
        List<CompletableFuture<Message>> doomed = List.of(
                writer.send(new NewMessage(RoomId.GENERAL, null, 2, "b")),
                writer.send(new NewMessage(RoomId.GENERAL, null, 3, "c")),
                writer.send(new NewMessage(RoomId.GENERAL, null, 4, "d")));
        StoreUnavailableException outage = new StoreUnavailableException("connection refused", null);
        store.failNextAppend(outage);
        store.open();
        first.join();

        for (CompletableFuture<Message> send : doomed) {
            CompletionException e = assertThrows(CompletionException.class, send::join);
            assertSame(outage, e.getCause());
        }
        Message afterwards = writer.send(new NewMessage(RoomId.GENERAL, null, 5, "after the outage"))
                .join();
        awaitPublished(2);
        assertEquals(List.of(first.join(), afterwards), published);
        assertEquals(2, store.stored.readAfter(RoomSelection.all(), 0, 10).size());
    }

    @Test
    void at_the_deadline_a_queued_send_is_answered_not_stored_and_one_with_the_store_outcome_unknown()
            throws Exception {
        start(WriterSettings.DEFAULT);
        CompletableFuture<Message> withTheStore =
                sendAndHoldTheWriter(new NewMessage(RoomId.GENERAL, null, 1, "with the store"));
        CompletableFuture<Message> queued = writer.send(new NewMessage(RoomId.GENERAL, null, 2, "queued"));

        clock.advance(Duration.ofMillis(1_001));

        ExecutionException unknown =
                assertThrows(ExecutionException.class, () -> withTheStore.get(10, TimeUnit.SECONDS));
        assertInstanceOf(OutcomeUnknownException.class, unknown.getCause());
        ExecutionException notStored = assertThrows(ExecutionException.class, () -> queued.get(10, TimeUnit.SECONDS));
        assertInstanceOf(NotStoredInTimeException.class, notStored.getCause());
        store.open();
        // The batch with the store commits after all: its message is published; the queued one never reaches the store.
        awaitPublished(1);
        assertEquals(
                List.of("with the store"), published.stream().map(Message::text).toList());
        assertEquals(List.of(1), store.batchSizes);
        // Counted right after the answer went out.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (writer.notStoredInTime() + writer.outcomeUnknownInTime() < 2 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(1, writer.notStoredInTime());
        assertEquals(1, writer.outcomeUnknownInTime());
    }

    @Test
    void while_the_store_has_held_a_batch_past_the_deadline_new_sends_are_refused_at_once() throws Exception {
        start(WriterSettings.DEFAULT);
        CompletableFuture<Message> stuck = sendAndHoldTheWriter(new NewMessage(RoomId.GENERAL, null, 1, "stuck"));
        clock.advance(Duration.ofMillis(1_001));

        CompletableFuture<Message> refused = writer.send(new NewMessage(RoomId.GENERAL, null, 2, "refused"));

        assertTrue(refused.isCompletedExceptionally(), "a send behind a store that stopped answering must not wait");
        assertInstanceOf(
                StoreUnavailableException.class,
                assertThrows(CompletionException.class, refused::join).getCause());
        assertInstanceOf(
                OutcomeUnknownException.class,
                assertThrows(ExecutionException.class, () -> stuck.get(10, TimeUnit.SECONDS))
                        .getCause());
        store.open();
        awaitPublished(1);
        assertEquals(
                "after",
                writer.send(new NewMessage(RoomId.GENERAL, null, 3, "after"))
                        .join()
                        .text());
    }

    @Test
    void while_the_store_is_unavailable_sends_are_refused_at_once_until_a_probe_answers() throws Exception {
        AtomicBoolean reachable = new AtomicBoolean(false);
        try (StoreAvailability availability = StoreAvailability.monitor(
                () -> {
                    if (!reachable.get()) {
                        throw new StoreUnavailableException("connection refused");
                    }
                },
                Duration.ofMillis(20),
                Duration.ofSeconds(5))) {
            feed.subscribe(published::addAll);
            writer = GroupCommitWriter.start(
                    store, feed, TextLengthLimit.DEFAULT, WriterSettings.DEFAULT, clock, availability);
            awaitTrue(() -> !availability.isAvailable());

            CompletableFuture<Message> refused =
                    writer.send(new NewMessage(RoomId.GENERAL, null, 1, "refused at once"));

            assertTrue(
                    refused.isCompletedExceptionally(),
                    "a send while the store is down must be answered without waiting");
            assertInstanceOf(
                    StoreUnavailableException.class,
                    assertThrows(CompletionException.class, refused::join).getCause());
            assertEquals(List.of(), store.batchSizes);
            reachable.set(true);
            awaitTrue(availability::isAvailable);
            assertEquals(
                    "after the outage",
                    writer.send(new NewMessage(RoomId.GENERAL, null, 2, "after the outage"))
                            .join()
                            .text());
        }
    }

    @Test
    void concurrent_senders_see_one_increasing_order_and_lose_nothing() throws Exception {
        start(WriterSettings.DEFAULT);
        int threads = 8;
        int perThread = 500;
        ExecutorService senders = Executors.newFixedThreadPool(threads);
        List<CompletableFuture<Message>> sends = Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < threads; t++) {
            int thread = t;
            senders.execute(() -> {
                for (int i = 0; i < perThread; i++) {
                    sends.add(
                            writer.send(new NewMessage(RoomId.GENERAL, null, i, "thread " + thread + " message " + i)));
                }
            });
        }
        senders.shutdown();
        assertTrue(senders.awaitTermination(30, TimeUnit.SECONDS));

        Set<Long> acknowledged = new HashSet<>();
        sends.forEach(send -> acknowledged.add(send.join().id()));
        awaitPublished(threads * perThread);
        assertEquals(threads * perThread, acknowledged.size());
        assertIncreasingIds(published);
        assertEquals(
                acknowledged, new HashSet<>(published.stream().map(Message::id).toList()));
        assertTrue(
                store.batchSizes.size() < threads * perThread,
                "no batching happened: " + store.batchSizes.size() + " commits");
    }

    @Test
    void the_same_key_with_the_same_message_stores_it_once() throws Exception {
        start(WriterSettings.DEFAULT);
        IdempotencyKey key = new IdempotencyKey("order-42");

        Message first =
                writer.send(new NewMessage(RoomId.GENERAL, null, 1, "pay"), key).join();
        Message retried =
                writer.send(new NewMessage(RoomId.GENERAL, null, 1, "pay"), key).join();

        assertEquals(first, retried);
        assertEquals(List.of(first), store.stored.readAfter(RoomSelection.all(), 0, 10));
        awaitPublished(1);
        assertEquals(List.of(first), published);
    }

    @Test
    void the_same_key_within_one_batch_stores_once() throws Exception {
        start(WriterSettings.DEFAULT);
        IdempotencyKey key = new IdempotencyKey("twice-in-a-batch");
        CompletableFuture<Message> unrelated =
                sendAndHoldTheWriter(new NewMessage(RoomId.GENERAL, null, 0, "unrelated"));
        CompletableFuture<Message> a = writer.send(new NewMessage(RoomId.GENERAL, null, 1, "same"), key);
        CompletableFuture<Message> b = writer.send(new NewMessage(RoomId.GENERAL, null, 1, "same"), key);
        store.open();

        unrelated.join();
        assertEquals(a.join(), b.join());
        assertEquals(2, store.stored.readAfter(RoomSelection.all(), 0, 10).size());
    }

    @Test
    void the_same_key_with_another_message_is_a_conflict_and_stores_nothing() {
        start(WriterSettings.DEFAULT);
        IdempotencyKey key = new IdempotencyKey("order-43");
        Message original = writer.send(new NewMessage(RoomId.GENERAL, null, 1, "pay 10"), key)
                .join();

        CompletionException e = assertThrows(
                CompletionException.class,
                () -> writer.send(new NewMessage(RoomId.GENERAL, null, 1, "pay 1000"), key)
                        .join());

        assertInstanceOf(IdempotencyConflictException.class, e.getCause());
        assertEquals(
                "Idempotency-Key 'order-43' was already used for a different message (id " + original.id() + ")",
                e.getCause().getMessage());
        assertEquals(List.of(original), store.stored.readAfter(RoomSelection.all(), 0, 10));
    }

    @Test
    void keys_are_forgotten_after_the_retention_time() throws Exception {
        start(new WriterSettings(100, 100, Duration.ofHours(24), Duration.ofSeconds(1)));
        IdempotencyKey key = new IdempotencyKey("yesterday");
        Message yesterday = writer.send(new NewMessage(RoomId.GENERAL, null, 1, "hello"), key)
                .join();

        clock.advance(Duration.ofHours(25));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (store.purgeCutoffs.stream().noneMatch(cutoff -> cutoff.isAfter(yesterday.createdAt()))
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Message today = writer.send(new NewMessage(RoomId.GENERAL, null, 1, "hello"), key)
                .join();

        assertNotEquals(yesterday.id(), today.id());
    }

    @Test
    void refuses_text_over_the_limit_without_touching_the_store() {
        start(WriterSettings.DEFAULT);

        CompletionException e = assertThrows(
                CompletionException.class,
                () -> writer.send(new NewMessage(RoomId.GENERAL, null, 1, "x".repeat(129)))
                        .join());

        assertInstanceOf(InvalidInputException.class, e.getCause());
        assertEquals(List.of(), store.batchSizes);
    }

    @Test
    void close_stores_what_is_waiting_then_refuses_new_sends() throws Exception {
        start(WriterSettings.DEFAULT);
        CompletableFuture<Message> first = sendAndHoldTheWriter(new NewMessage(RoomId.GENERAL, null, 1, "first"));
        CompletableFuture<Message> waiting = writer.send(new NewMessage(RoomId.GENERAL, null, 2, "waiting"));
        Thread closer = Thread.ofPlatform().start(writer::close);
        while (!writer.send(new NewMessage(RoomId.GENERAL, null, 3, "probe")).isCompletedExceptionally()) {
            Thread.sleep(1);
        }

        store.open();
        closer.join(10_000);

        assertEquals("first", first.join().text());
        assertEquals("waiting", waiting.join().text());
        CompletionException e = assertThrows(
                CompletionException.class,
                () -> writer.send(new NewMessage(RoomId.GENERAL, null, 4, "late"))
                        .join());
        assertInstanceOf(OverloadedException.class, e.getCause());
    }

    /** Sends one message and keeps the writer inside that transaction until {@code store.open()}: what is sent meanwhile waits. */
    private CompletableFuture<Message> sendAndHoldTheWriter(NewMessage message) throws InterruptedException {
        store.close();
        CompletableFuture<Message> held = writer.send(message);
        store.awaitAppendEntered();
        return held;
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(condition.getAsBoolean(), "the condition did not come true within 10 s");
    }

    private void awaitPublished(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (published.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(count, published.size(), "published messages");
    }

    private static void assertIncreasingIds(List<Message> messages) {
        for (int i = 1; i < messages.size(); i++) {
            assertTrue(messages.get(i).id() > messages.get(i - 1).id(), "ids out of order at " + i);
        }
    }
}
