package dev.chatgopher.domain.port.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomSelection;
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
        List<Message> stored = append(List.of(message(1, "one"), message(2, "two"), message(3, "three")), T0);

        assertEquals(
                List.of("one", "two", "three"),
                stored.stream().map(Message::text).toList());
        assertTrue(stored.get(0).id() > 0);
        assertTrue(
                stored.get(0).id() < stored.get(1).id()
                        && stored.get(1).id() < stored.get(2).id(),
                stored.toString());
    }

    @Test
    void ids_of_a_later_batch_exceed_every_earlier_id() {
        List<Message> first = append(List.of(message(1, "a"), message(2, "b")), T0);
        List<Message> second = append(List.of(message(3, "c")), T0.plusSeconds(1));

        assertTrue(second.getFirst().id() > first.getLast().id());
    }

    @Test
    void keeps_sequence_text_and_creation_time_exactly() {
        Instant withMicros = Instant.parse("2025-02-01T12:00:00.123456Z");
        List<NewMessage> batch = List.of(
                message(Long.MAX_VALUE, "Привет, мир! \uD83D\uDE00"),
                message(Long.MIN_VALUE, "quotes \" and \\ backslash, <b>tags</b>, 'single' and \u202Ertl"),
                message(0, "Ж".repeat(128)));

        List<Message> stored = append(batch, withMicros);

        for (int i = 0; i < batch.size(); i++) {
            assertEquals(batch.get(i).sequence(), stored.get(i).sequence());
            assertEquals(batch.get(i).text(), stored.get(i).text());
            assertEquals(withMicros, stored.get(i).createdAt());
        }
        assertEquals(stored, readAll(new TimeRange(withMicros, withMicros)));
    }

    @Test
    void read_range_includes_both_ends() {
        append(List.of(message(1, "before")), T0.minusNanos(1000));
        Message atFrom = append(List.of(message(2, "at from")), T0).getFirst();
        Message atTo = append(List.of(message(3, "at to")), T0.plusSeconds(60)).getFirst();
        append(List.of(message(4, "after")), T0.plusSeconds(60).plusNanos(1000));

        assertEquals(List.of(atFrom, atTo), readAll(new TimeRange(T0, T0.plusSeconds(60))));
    }

    @Test
    void read_range_orders_by_creation_time_then_id() {
        Message late = append(List.of(message(1, "late")), T0.plusSeconds(10)).getFirst();
        List<Message> early = append(List.of(message(2, "early a"), message(3, "early b")), T0);

        assertEquals(List.of(early.get(0), early.get(1), late), readAll(new TimeRange(T0, T0.plusSeconds(10))));
    }

    @Test
    void read_range_with_nothing_in_it_reads_nothing() {
        append(List.of(message(1, "elsewhere")), T0);

        assertEquals(List.of(), readAll(new TimeRange(T0.plusSeconds(1), T0.plusSeconds(2))));
    }

    @Test
    void read_range_honours_sub_microsecond_ends() {
        Instant at = Instant.parse("2025-02-01T12:00:00.000001Z");
        Message stored = append(List.of(message(1, "x")), at).getFirst();

        assertEquals(List.of(stored), readAll(new TimeRange(at.minusNanos(999), at.plusNanos(999))));
        assertEquals(List.of(), readAll(new TimeRange(at.plusNanos(1), at.plusNanos(999))));
        assertEquals(List.of(), readAll(new TimeRange(at.minusNanos(999), at.minusNanos(1))));
    }

    @Test
    void read_range_streams_many_messages_in_order() throws IOException {
        int count = 5_000;
        List<NewMessage> batch = IntStream.rangeClosed(1, count)
                .mapToObj(i -> message(i, "message " + i))
                .toList();
        append(batch, T0);

        long[] seen = {0};
        long[] lastId = {0};
        store.readRange(RoomId.GENERAL, new TimeRange(T0, T0), m -> {
            assertTrue(m.id() > lastId[0]);
            lastId[0] = m.id();
            seen[0]++;
            assertEquals(seen[0], m.sequence());
        });
        assertEquals(count, seen[0]);
    }

    @Test
    void a_failing_sink_stops_the_read_and_its_exception_reaches_the_caller() {
        append(List.of(message(1, "a"), message(2, "b"), message(3, "c")), T0);
        IOException clientGone = new IOException("client went away");
        List<Message> seen = new ArrayList<>();

        IOException thrown = assertThrows(
                IOException.class,
                () -> store.readRange(RoomId.GENERAL, new TimeRange(T0, T0), m -> {
                    seen.add(m);
                    throw clientGone;
                }));

        assertSame(clientGone, thrown);
        assertEquals(1, seen.size());
    }

    @Test
    void read_after_returns_the_next_page_in_id_order() {
        List<Message> stored = append(
                IntStream.rangeClosed(1, 10).mapToObj(i -> message(i, "m" + i)).toList(), T0);

        assertEquals(stored.subList(0, 4), store.readAfter(RoomSelection.all(), 0, 4));
        assertEquals(
                stored.subList(4, 8),
                store.readAfter(RoomSelection.all(), stored.get(3).id(), 4));
        assertEquals(
                stored.subList(8, 10),
                store.readAfter(RoomSelection.all(), stored.get(7).id(), 4));
        assertEquals(
                List.of(), store.readAfter(RoomSelection.all(), stored.get(9).id(), 4));
    }

    @Test
    void read_after_follows_id_order_even_when_creation_times_do_not() {
        Message late = append(List.of(message(1, "late")), T0.plusSeconds(10)).getFirst();
        Message early = append(List.of(message(2, "early")), T0).getFirst();

        assertEquals(List.of(late, early), store.readAfter(RoomSelection.all(), 0, 10));
    }

    @Test
    void a_new_idempotency_key_stores_the_message() {
        List<Appended> results = store.append(List.of(new Submission(message(1, "pay"), key("k-1"))), T0);

        assertEquals(1, results.size());
        assertFalse(results.getFirst().alreadyStored());
        assertEquals(List.of(results.getFirst().message()), store.readAfter(RoomSelection.all(), 0, 10));
    }

    @Test
    void a_known_idempotency_key_answers_the_first_message_and_stores_nothing() {
        Message first = store.append(List.of(new Submission(message(1, "pay"), key("k-2"))), T0)
                .getFirst()
                .message();

        List<Appended> again = store.append(
                List.of(
                        new Submission(message(9, "something else"), key("k-2")),
                        Submission.of(message(2, "unrelated"))),
                T0.plusSeconds(1));

        assertEquals(new Appended(first, true), again.get(0));
        assertFalse(again.get(1).alreadyStored());
        assertEquals(List.of(first, again.get(1).message()), store.readAfter(RoomSelection.all(), 0, 10));
    }

    @Test
    void a_key_repeated_within_one_batch_is_stored_once() {
        List<Appended> results = store.append(
                List.of(new Submission(message(1, "a"), key("k-3")), new Submission(message(1, "a"), key("k-3"))), T0);

        assertEquals(new Appended(results.get(0).message(), true), results.get(1));
        assertEquals(1, store.readAfter(RoomSelection.all(), 0, 10).size());
    }

    @Test
    void forgotten_keys_can_be_used_again_and_recent_ones_are_kept() {
        Message old = store.append(List.of(new Submission(message(1, "old"), key("k-old"))), T0)
                .getFirst()
                .message();
        Message recent = store.append(
                        List.of(new Submission(message(2, "recent"), key("k-recent"))), T0.plusSeconds(3600))
                .getFirst()
                .message();

        assertEquals(1, store.forgetIdempotencyKeysBefore(T0.plusSeconds(1)));

        Appended reused = store.append(List.of(new Submission(message(3, "new"), key("k-old"))), T0.plusSeconds(7200))
                .getFirst();
        Appended kept = store.append(
                        List.of(new Submission(message(4, "again"), key("k-recent"))), T0.plusSeconds(7200))
                .getFirst();
        assertFalse(reused.alreadyStored());
        assertTrue(reused.message().id() > old.id());
        assertEquals(new Appended(recent, true), kept);
    }

    /** Appends messages without idempotency keys and returns them as stored. */
    protected List<Message> append(List<NewMessage> batch, Instant createdAt) {
        List<Appended> results = store.append(batch.stream().map(Submission::of).toList(), createdAt);
        assertTrue(results.stream().noneMatch(Appended::alreadyStored));
        return results.stream().map(Appended::message).toList();
    }

    protected static IdempotencyKey key(String value) {
        return new IdempotencyKey(value);
    }

    protected List<Message> readAll(TimeRange range) {
        List<Message> read = new ArrayList<>();
        try {
            store.readRange(RoomId.GENERAL, range, read::add);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return read;
    }

    protected static NewMessage message(long sequence, String text) {
        return new NewMessage(RoomId.GENERAL, null, sequence, text);
    }
}
