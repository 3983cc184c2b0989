package dev.chatgopher.domain.port.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.TimeRange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} must do. Each adapter extends this once and hands out an empty store
 * per test.
 */
public abstract class MessageStoreContract {

    protected static final Instant T0 = Instant.parse("2025-02-01T12:00:00Z");

    protected MessageStore store;

    /** Returns a store with no messages in it. */
    protected abstract MessageStore emptyStore();

    @BeforeEach
    void startEmpty() {
        store = emptyStore();
    }

    @Test
    void append_returns_the_batch_in_order_with_increasing_ids() {
        List<Message> stored = store.append(List.of(message(1, "one"), message(2, "two"), message(3, "three")), T0);

        assertEquals(List.of("one", "two", "three"), stored.stream().map(Message::text).toList());
        assertTrue(stored.get(0).id() > 0);
        assertTrue(stored.get(0).id() < stored.get(1).id() && stored.get(1).id() < stored.get(2).id(), stored.toString());
    }

    @Test
    void ids_of_a_later_batch_exceed_every_earlier_id() {
        List<Message> first = store.append(List.of(message(1, "a"), message(2, "b")), T0);
        List<Message> second = store.append(List.of(message(3, "c")), T0.plusSeconds(1));

        assertTrue(second.getFirst().id() > first.getLast().id());
    }

    @Test
    void keeps_sequence_text_and_creation_time_exactly() {
        Instant withMicros = Instant.parse("2025-02-01T12:00:00.123456Z");
        List<NewMessage> batch = List.of(
                message(Long.MAX_VALUE, "Привет, мир! \uD83D\uDE00"),
                message(Long.MIN_VALUE, "quotes \" and \\ backslash, <b>tags</b>, 'single' and \u202Ertl"),
                message(0, "Ж".repeat(128)));

        List<Message> stored = store.append(batch, withMicros);

        for (int i = 0; i < batch.size(); i++) {
            assertEquals(batch.get(i).sequence(), stored.get(i).sequence());
            assertEquals(batch.get(i).text(), stored.get(i).text());
            assertEquals(withMicros, stored.get(i).createdAt());
        }
        assertEquals(stored, readAll(new TimeRange(withMicros, withMicros)));
    }

    @Test
    void read_range_includes_both_ends() {
        store.append(List.of(message(1, "before")), T0.minusNanos(1000));
        Message atFrom = store.append(List.of(message(2, "at from")), T0).getFirst();
        Message atTo = store.append(List.of(message(3, "at to")), T0.plusSeconds(60)).getFirst();
        store.append(List.of(message(4, "after")), T0.plusSeconds(60).plusNanos(1000));

        assertEquals(List.of(atFrom, atTo), readAll(new TimeRange(T0, T0.plusSeconds(60))));
    }

    @Test
    void read_range_orders_by_creation_time_then_id() {
        Message late = store.append(List.of(message(1, "late")), T0.plusSeconds(10)).getFirst();
        List<Message> early = store.append(List.of(message(2, "early a"), message(3, "early b")), T0);

        assertEquals(List.of(early.get(0), early.get(1), late), readAll(new TimeRange(T0, T0.plusSeconds(10))));
    }

    @Test
    void read_range_with_nothing_in_it_reads_nothing() {
        store.append(List.of(message(1, "elsewhere")), T0);

        assertEquals(List.of(), readAll(new TimeRange(T0.plusSeconds(1), T0.plusSeconds(2))));
    }

    @Test
    void read_range_honours_sub_microsecond_ends() {
        Instant at = Instant.parse("2025-02-01T12:00:00.000001Z");
        Message stored = store.append(List.of(message(1, "x")), at).getFirst();

        assertEquals(List.of(stored), readAll(new TimeRange(at.minusNanos(999), at.plusNanos(999))));
        assertEquals(List.of(), readAll(new TimeRange(at.plusNanos(1), at.plusNanos(999))));
        assertEquals(List.of(), readAll(new TimeRange(at.minusNanos(999), at.minusNanos(1))));
    }

    @Test
    void read_range_streams_many_messages_in_order() throws IOException {
        int count = 5_000;
        List<NewMessage> batch = IntStream.rangeClosed(1, count).mapToObj(i -> message(i, "message " + i)).toList();
        store.append(batch, T0);

        long[] seen = {0};
        long[] lastId = {0};
        store.readRange(new TimeRange(T0, T0), m -> {
            assertTrue(m.id() > lastId[0]);
            lastId[0] = m.id();
            seen[0]++;
            assertEquals(seen[0], m.sequence());
        });
        assertEquals(count, seen[0]);
    }

    @Test
    void a_failing_sink_stops_the_read_and_its_exception_reaches_the_caller() {
        store.append(List.of(message(1, "a"), message(2, "b"), message(3, "c")), T0);
        IOException clientGone = new IOException("client went away");
        List<Message> seen = new ArrayList<>();

        IOException thrown = assertThrows(IOException.class, () -> store.readRange(new TimeRange(T0, T0), m -> {
            seen.add(m);
            throw clientGone;
        }));

        assertSame(clientGone, thrown);
        assertEquals(1, seen.size());
    }

    protected List<Message> readAll(TimeRange range) {
        List<Message> read = new ArrayList<>();
        try {
            store.readRange(range, read::add);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return read;
    }

    protected static NewMessage message(long sequence, String text) {
        return new NewMessage(sequence, text);
    }
}
