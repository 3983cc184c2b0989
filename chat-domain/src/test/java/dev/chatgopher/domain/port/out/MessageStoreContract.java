package dev.chatgopher.domain.port.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.Author;
import dev.chatgopher.domain.model.HistoryPage;
import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.model.TimeRange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageStore} must do. Each adapter extends this once and hands out an empty store
 * per test.
 */
public abstract class MessageStoreContract {

    protected static final Instant T0 = Instant.parse("2025-02-01T12:00:00Z");
    protected static final RoomId A = RoomId.of("a");
    protected static final RoomId B = RoomId.of("b");

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
                message(0, "Ж".repeat(128)),
                // What an array literal would make something else of (PostgreSQL receives the batch as arrays).
                message(1, "{\"a\",b} NULL, (1,2) \\N"),
                message(2, "NULL"));

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
    void one_key_in_two_scopes_and_without_one_is_three_keys() {
        IdempotencyKey everyones = key("k-shared");
        List<Appended> first = store.append(
                List.of(
                        new Submission(message(1, "alice's"), everyones.scopedTo("alice")),
                        new Submission(message(1, "bob's"), everyones.scopedTo("bob")),
                        new Submission(message(1, "anyone's"), everyones)),
                T0);
        List<Appended> again = store.append(
                List.of(
                        new Submission(message(1, "alice's"), everyones.scopedTo("alice")),
                        new Submission(message(1, "bob's"), everyones.scopedTo("bob")),
                        new Submission(message(1, "anyone's"), everyones)),
                T0.plusSeconds(1));

        assertTrue(first.stream().noneMatch(Appended::alreadyStored), "three keys, three messages: " + first);
        for (int i = 0; i < 3; i++) {
            assertEquals(new Appended(first.get(i).message(), true), again.get(i), "each retry finds its own");
        }
        assertEquals(3, store.readAfter(RoomSelection.all(), 0, 10).size());
    }

    @Test
    void the_longest_key_in_a_scope_is_stored() {
        IdempotencyKey longest = key("k".repeat(IdempotencyKey.MAX_LENGTH)).scopedTo("a subject ".repeat(100));

        Message stored = store.append(List.of(new Submission(message(1, "long"), longest)), T0)
                .getFirst()
                .message();

        assertEquals(
                new Appended(stored, true),
                store.append(List.of(new Submission(message(1, "long"), longest)), T0.plusSeconds(1))
                        .getFirst());
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

    @Test
    void rooms_are_separate_in_ranges_pages_and_catch_up() {
        List<Message> stored =
                append(List.of(message(A, 1, "a1"), message(B, 1, "b1"), message(A, 2, "a2"), message(B, 2, "b2")), T0);
        List<Message> inA = List.of(stored.get(0), stored.get(2));
        List<Message> inB = List.of(stored.get(1), stored.get(3));

        assertEquals(inA, readAll(A, new TimeRange(T0, T0)));
        assertEquals(inB, readAll(B, new TimeRange(T0, T0)));
        assertEquals(inA, store.readPage(A, new HistoryPage.Newest(10)));
        assertEquals(inB, store.readPage(B, new HistoryPage.After(0, 10)));
        assertEquals(
                List.of(inA.get(0)),
                store.readPage(A, new HistoryPage.Before(inA.get(1).id(), 10)));
        assertEquals(inB, store.readAfter(RoomSelection.only(B), 0, 10));
        assertEquals(List.of(), readAll(RoomId.GENERAL, new TimeRange(T0, T0)));
    }

    @Test
    void keeps_the_author_or_its_absence() {
        String emoji = "\uD83D\uDE00".repeat(Author.MAX_LENGTH);
        List<NewMessage> batch = List.of(
                new NewMessage(A, null, 1, "nobody"),
                new NewMessage(A, new Author("alice"), 2, "alice"),
                new NewMessage(A, new Author(emoji), 3, "an emoji name"),
                new NewMessage(A, new Author("Zoë \u202E O'Brien \"x\""), 4, "quotes"),
                new NewMessage(A, new Author("NULL"), 5, "a name that reads like a null"));

        List<Message> stored = append(batch, T0);

        for (int i = 0; i < batch.size(); i++) {
            assertEquals(batch.get(i).author(), stored.get(i).author());
            assertEquals(A, stored.get(i).room());
        }
        assertEquals(stored, store.readPage(A, new HistoryPage.Newest(10)));
        assertEquals(stored, store.readAfter(RoomSelection.all(), 0, 10));
        assertEquals(stored, readAll(A, new TimeRange(T0, T0)));
    }

    @Test
    void the_newest_page_is_the_last_messages_oldest_first() {
        List<Message> stored = inRoomA(10);

        assertEquals(stored.subList(7, 10), store.readPage(A, new HistoryPage.Newest(3)));
        assertEquals(stored, store.readPage(A, new HistoryPage.Newest(1_000)));
        assertEquals(List.of(stored.getLast()), store.readPage(A, new HistoryPage.Newest(1)));
    }

    @Test
    void a_before_page_is_the_messages_just_older_than_the_id_oldest_first() {
        List<Message> stored = inRoomA(10);

        assertEquals(
                stored.subList(2, 5),
                store.readPage(A, new HistoryPage.Before(stored.get(5).id(), 3)));
        assertEquals(
                stored.subList(0, 2),
                store.readPage(A, new HistoryPage.Before(stored.get(2).id(), 3)));
        assertEquals(
                List.of(),
                store.readPage(A, new HistoryPage.Before(stored.getFirst().id(), 3)));
        assertEquals(List.of(), store.readPage(A, new HistoryPage.Before(0, 3)));
        assertEquals(stored.subList(7, 10), store.readPage(A, new HistoryPage.Before(Long.MAX_VALUE, 3)));
    }

    @Test
    void an_after_page_is_the_messages_just_newer_than_the_id_oldest_first() {
        List<Message> stored = inRoomA(10);

        assertEquals(stored.subList(0, 3), store.readPage(A, new HistoryPage.After(0, 3)));
        assertEquals(
                stored.subList(6, 9),
                store.readPage(A, new HistoryPage.After(stored.get(5).id(), 3)));
        assertEquals(
                stored.subList(8, 10),
                store.readPage(A, new HistoryPage.After(stored.get(7).id(), 3)));
        assertEquals(
                List.of(),
                store.readPage(A, new HistoryPage.After(stored.getLast().id(), 3)));
    }

    @Test
    void loading_older_pages_walks_back_to_the_first_message_without_gaps() {
        List<Message> stored = inRoomA(25);
        append(List.of(message(B, 1, "elsewhere")), T0);
        List<Message> walked = new ArrayList<>(store.readPage(A, new HistoryPage.Newest(7)));
        while (true) {
            List<Message> older =
                    store.readPage(A, new HistoryPage.Before(walked.getFirst().id(), 7));
            if (older.isEmpty()) {
                break;
            }
            walked.addAll(0, older);
        }

        assertEquals(stored, walked);
    }

    @Test
    void an_unknown_room_reads_as_empty() {
        inRoomA(3);
        RoomId unknown = RoomId.of("nobody-here");

        assertEquals(List.of(), store.readPage(unknown, new HistoryPage.Newest(10)));
        assertEquals(List.of(), store.readPage(unknown, new HistoryPage.Before(Long.MAX_VALUE, 10)));
        assertEquals(List.of(), store.readPage(unknown, new HistoryPage.After(0, 10)));
        assertEquals(List.of(), store.readAfter(RoomSelection.only(unknown), 0, 10));
        assertEquals(List.of(), readAll(unknown, new TimeRange(T0.minusSeconds(1), T0.plusSeconds(1))));
        assertEquals(List.of(), store.listRooms(new RoomListing("nobody", 10)));
    }

    @Test
    void catching_up_on_a_set_of_rooms_reads_only_those_in_one_id_order() {
        List<Message> all = new ArrayList<>();
        RoomId c = RoomId.of("c");
        for (int round = 0; round < 5; round++) {
            all.addAll(append(
                    List.of(message(A, round, "a" + round), message(B, round, "b" + round), message(c, round, "c")),
                    T0.plusSeconds(round)));
            all.addAll(append(List.of(message(B, round, "b again " + round)), T0.plusSeconds(round)));
        }
        List<Message> inAOrC = all.stream()
                .filter(m -> m.room().equals(A) || m.room().equals(c))
                .toList();
        RoomSelection aAndC = RoomSelection.only(Set.of(A, c, RoomId.of("unknown")));

        assertEquals(inAOrC, store.readAfter(aAndC, 0, 100));
        assertEquals(inAOrC.subList(0, 3), store.readAfter(aAndC, 0, 3));
        assertEquals(inAOrC.subList(3, 6), store.readAfter(aAndC, inAOrC.get(2).id(), 3));
        // Resuming from an id of a room not followed continues just after it.
        Message ofB = all.get(4);
        assertEquals(inAOrC.stream().filter(m -> m.id() > ofB.id()).toList(), store.readAfter(aAndC, ofB.id(), 100));
        assertEquals(List.of(), store.readAfter(aAndC, inAOrC.getLast().id(), 100));
    }

    @Test
    void catching_up_on_every_room_reads_all_in_id_order() {
        List<Message> all = new ArrayList<>();
        all.addAll(append(List.of(message(B, 1, "b"), message(A, 1, "a")), T0.plusSeconds(5)));
        all.addAll(append(List.of(message(RoomId.GENERAL, 1, "g"), message(B, 2, "b")), T0));

        assertEquals(all, store.readAfter(RoomSelection.all(), 0, 10));
        assertEquals(
                all.subList(1, 3),
                store.readAfter(RoomSelection.all(), all.get(0).id(), 2));
    }

    @Test
    void rooms_are_listed_most_recently_active_first_with_their_counts_and_newest_message() {
        Instant t1 = T0.plusSeconds(1);
        Instant t2 = T0.plusSeconds(2);
        append(List.of(message(A, 1, "a"), message(B, 1, "b"), message(A, 2, "a")), T0);
        List<Message> second = append(List.of(message(B, 2, "b"), message(RoomId.GENERAL, 1, "g")), t1);
        List<Message> third = append(List.of(message(A, 3, "a")), t2);

        assertEquals(
                List.of(
                        new RoomSummary(A, 3, third.getFirst().id(), t2),
                        new RoomSummary(RoomId.GENERAL, 1, second.get(1).id(), t1),
                        new RoomSummary(B, 2, second.get(0).id(), t1)),
                store.listRooms(new RoomListing("", 10)));
        assertEquals(
                List.of(A, RoomId.GENERAL),
                store.listRooms(new RoomListing("", 2)).stream()
                        .map(RoomSummary::room)
                        .toList());
    }

    @Test
    void the_room_prefix_is_taken_literally() {
        List<RoomId> rooms = List.of(
                RoomId.of("team_a"), RoomId.of("teamxa"), RoomId.of("team_b"), RoomId.of("team"), RoomId.of("ops"));
        for (RoomId room : rooms) {
            append(List.of(message(room, 1, "hi")), T0);
        }

        assertEquals(List.of("team_b", "team_a"), roomNames(new RoomListing("team_", 10)));
        assertEquals(List.of("team", "team_b", "teamxa", "team_a"), roomNames(new RoomListing("team", 10)));
        assertEquals(List.of("team", "team_b"), roomNames(new RoomListing("team", 2)));
        assertEquals(List.of(), roomNames(new RoomListing("teams", 10)));
    }

    @Test
    void answered_repeats_change_no_room_summary() {
        Message first = store.append(List.of(new Submission(message(A, 1, "once"), key("k-summary"))), T0)
                .getFirst()
                .message();

        List<Appended> again = store.append(
                List.of(
                        new Submission(message(A, 1, "once"), key("k-summary")),
                        new Submission(message(A, 2, "new"), key("k-new")),
                        new Submission(message(A, 2, "new"), key("k-new"))),
                T0.plusSeconds(1));

        assertEquals(
                List.of(true, false, true),
                again.stream().map(Appended::alreadyStored).toList());
        Message fresh = again.get(1).message();
        assertEquals(
                List.of(new RoomSummary(A, 2, fresh.id(), T0.plusSeconds(1))),
                store.listRooms(new RoomListing("", 10)));
        assertEquals(List.of(first, fresh), store.readPage(A, new HistoryPage.Newest(10)));
    }

    @Test
    void a_known_key_sent_to_another_room_is_answered_with_the_first_message() {
        // Whether that is a conflict is the writer's rule (NewMessage.sameAs); the store only remembers keys.
        Message first = store.append(List.of(new Submission(message(A, 1, "hi"), key("k-room"))), T0)
                .getFirst()
                .message();

        Appended again = store.append(List.of(new Submission(message(B, 1, "hi"), key("k-room"))), T0.plusSeconds(1))
                .getFirst();

        assertEquals(new Appended(first, true), again);
        assertEquals(List.of(), store.readPage(B, new HistoryPage.Newest(10)));
        assertEquals(
                List.of(A),
                store.listRooms(new RoomListing("", 10)).stream()
                        .map(RoomSummary::room)
                        .toList());
    }

    @Test
    void a_known_key_keeps_answering_with_its_room_and_author() {
        NewMessage sent = new NewMessage(B, new Author("bob"), 5, "signed");
        Message first = store.append(List.of(new Submission(sent, key("k-author"))), T0)
                .getFirst()
                .message();

        Appended again = store.append(List.of(new Submission(sent, key("k-author"))), T0.plusSeconds(1))
                .getFirst();

        assertEquals(new Appended(first, true), again);
        assertTrue(sent.sameAs(again.message()));
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
        return readAll(RoomId.GENERAL, range);
    }

    protected List<Message> readAll(RoomId room, TimeRange range) {
        List<Message> read = new ArrayList<>();
        try {
            store.readRange(room, range, read::add);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return read;
    }

    protected static NewMessage message(long sequence, String text) {
        return new NewMessage(RoomId.GENERAL, null, sequence, text);
    }

    protected static NewMessage message(RoomId room, long sequence, String text) {
        return new NewMessage(room, null, sequence, text);
    }

    /** {@code count} messages in room A, one per batch, each batch with a message of room B after it. */
    private List<Message> inRoomA(int count) {
        List<Message> stored = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            List<Message> batch = append(List.of(message(A, i, "a" + i), message(B, i, "b" + i)), T0.plusSeconds(i));
            stored.add(batch.getFirst());
        }
        stored.sort(Comparator.comparingLong(Message::id));
        return stored;
    }

    private List<String> roomNames(RoomListing listing) {
        return store.listRooms(listing).stream().map(s -> s.room().value()).toList();
    }
}
