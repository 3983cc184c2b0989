package dev.chatgopher.persistence.jooq.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatgopher.domain.inmemory.InMemoryMessageStore;
import dev.chatgopher.domain.model.HistoryPage;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.model.StoreUnavailableException;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.Submission;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class CatchUpReaderTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final FlakyStore store = new FlakyStore();
    private final DeliveryCursor cursor = new DeliveryCursor(0);
    private final List<Long> delivered = new CopyOnWriteArrayList<>();

    CatchUpReaderTest() {
        cursor.subscribe(batch -> batch.forEach(message -> delivered.add(message.id())));
    }

    @Test
    void a_request_reads_page_after_page_until_one_comes_back_short() {
        store.commit(2 * CatchUpReader.PAGE_SIZE + 500);
        try (CatchUpReader reader = new CatchUpReader(store, cursor)) {
            reader.start();
            reader.request();

            await().atMost(BOUND).until(() -> delivered.size() == 2 * CatchUpReader.PAGE_SIZE + 500);
            assertEquals(LongStream.rangeClosed(1, delivered.size()).boxed().toList(), delivered);
            await().atMost(BOUND).until(() -> reader.reads() == 3);
        }
    }

    @Test
    void a_failed_read_is_retried_until_the_store_answers() {
        store.commit(5);
        store.failNextReads(3);
        try (CatchUpReader reader = new CatchUpReader(store, cursor)) {
            reader.start();
            reader.request();

            await().atMost(BOUND).until(() -> delivered.size() == 5);
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L), delivered);
            assertEquals(4, reader.reads());
        }
    }

    @Test
    void each_request_costs_one_read_when_the_page_comes_back_short() {
        store.commit(5);
        try (CatchUpReader reader = new CatchUpReader(store, cursor)) {
            reader.start();
            reader.request();
            await().atMost(BOUND).until(() -> delivered.size() == 5);

            store.commit(5);
            reader.request();
            await().atMost(BOUND).until(() -> delivered.size() == 10);
            assertEquals(2, reader.reads());
        }
    }

    /** The in-memory store, whose next reads can be made to fail as a database that is down would. */
    private static final class FlakyStore implements MessageStore {
        private final InMemoryMessageStore inner = new InMemoryMessageStore();
        private final AtomicInteger failuresLeft = new AtomicInteger();

        void commit(int count) {
            inner.append(
                    IntStream.range(0, count)
                            .mapToObj(i -> Submission.of(new NewMessage(RoomId.GENERAL, null, i, "m" + i)))
                            .toList(),
                    Instant.EPOCH);
        }

        void failNextReads(int count) {
            failuresLeft.set(count);
        }

        @Override
        public List<Message> readAfter(RoomSelection rooms, long afterId, int limit) {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new StoreUnavailableException("the database is down");
            }
            return inner.readAfter(rooms, afterId, limit);
        }

        @Override
        public List<Appended> append(List<Submission> batch, Instant createdAt) {
            return inner.append(batch, createdAt);
        }

        @Override
        public void readRange(RoomId room, TimeRange range, MessageSink sink) throws IOException {
            inner.readRange(room, range, sink);
        }

        @Override
        public List<Message> readPage(RoomId room, HistoryPage page) {
            return inner.readPage(room, page);
        }

        @Override
        public List<RoomSummary> listRooms(RoomListing listing) {
            return inner.listRooms(listing);
        }

        @Override
        public int forgetIdempotencyKeysBefore(Instant cutoff) {
            return inner.forgetIdempotencyKeysBefore(cutoff);
        }
    }
}
