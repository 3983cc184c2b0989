package dev.chatgopher.persistence.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.Submission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/**
 * Several writers (as several nodes would have) append to one PostgreSQL at once. Because each transaction takes
 * the advisory lock before drawing ids, ids become visible in increasing order: a reader that follows with
 * {@code readAfter(last seen)} never skips a message that commits late with a smaller id, whether it follows every
 * room or a set of them; and the room summaries count every message once.
 */
class ConcurrentWritersOnPostgresIT {

    private static final int WRITERS = 4;
    private static final int BATCHES_PER_WRITER = 150;
    private static final int BATCH_SIZE = 5;
    private static final List<RoomId> ROOMS = List.of(RoomId.of("r0"), RoomId.of("r1"), RoomId.of("r2"));
    private static final RoomSelection FOLLOWED = RoomSelection.only(Set.of(ROOMS.get(0), ROOMS.get(2)));

    @Test
    void readers_following_by_id_see_every_message_of_concurrent_writers() throws Exception {
        try (TestPostgres.Schema schema = TestPostgres.newSchema()) {
            DatabaseMigrations.migrate(schema.dataSource(), RoomId.GENERAL);
            Set<Message> appended = ConcurrentHashMap.newKeySet();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 2);

            Future<List<Long>> everyRoom = threads.submit(() -> follow(schema, RoomSelection.all(), writing));
            Future<List<Long>> someRooms = threads.submit(() -> follow(schema, FOLLOWED, writing));
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(threads.submit(() -> {
                    JooqMessageStore store = new JooqMessageStore(schema.dataSource(), SQLDialect.POSTGRES);
                    for (int b = 0; b < BATCHES_PER_WRITER; b++) {
                        int batch = b;
                        // Each batch spreads over the rooms, so that every room summary is written concurrently.
                        List<Submission> submissions = IntStream.range(0, BATCH_SIZE)
                                .mapToObj(i -> Submission.of(new NewMessage(
                                        ROOMS.get((writer + batch + i) % ROOMS.size()),
                                        null,
                                        i,
                                        "writer " + writer + " batch " + batch)))
                                .toList();
                        for (Appended result : store.append(submissions, Instant.now())) {
                            appended.add(result.message());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            List<Long> followedAll = everyRoom.get();
            List<Long> followedSome = someRooms.get();
            threads.shutdown();

            assertEquals(WRITERS * BATCHES_PER_WRITER * BATCH_SIZE, appended.size());
            assertFollowedInOrderWithoutGaps(
                    appended.stream().map(Message::id).collect(Collectors.toSet()), followedAll);
            assertFollowedInOrderWithoutGaps(
                    appended.stream()
                            .filter(m -> FOLLOWED.includes(m.room()))
                            .map(Message::id)
                            .collect(Collectors.toSet()),
                    followedSome);

            Map<RoomId, List<Message>> byRoom = appended.stream().collect(Collectors.groupingBy(Message::room));
            List<RoomSummary> summaries =
                    new JooqMessageStore(schema.dataSource(), SQLDialect.POSTGRES).listRooms(new RoomListing("", 10));
            assertEquals(ROOMS.size(), summaries.size(), summaries.toString());
            for (RoomSummary summary : summaries) {
                List<Message> inRoom = byRoom.get(summary.room());
                Message newest = inRoom.stream()
                        .max((x, y) -> Long.compare(x.id(), y.id()))
                        .orElseThrow();
                assertEquals(new RoomSummary(summary.room(), inRoom.size(), newest.id(), newest.createdAt()), summary);
            }
        }
    }

    private static List<Long> follow(TestPostgres.Schema schema, RoomSelection rooms, AtomicBoolean writing) {
        JooqMessageStore store = new JooqMessageStore(schema.dataSource(), SQLDialect.POSTGRES);
        List<Long> followed = new ArrayList<>();
        long last = 0;
        boolean finalPass = false;
        while (true) {
            List<Message> page = store.readAfter(rooms, last, 1_000);
            for (Message message : page) {
                followed.add(message.id());
                last = message.id();
            }
            if (finalPass && page.isEmpty()) {
                return followed;
            }
            finalPass = !writing.get();
        }
    }

    private static void assertFollowedInOrderWithoutGaps(Set<Long> appended, List<Long> followed) {
        for (int i = 1; i < followed.size(); i++) {
            assertTrue(followed.get(i) > followed.get(i - 1));
        }
        Set<Long> skipped = new TreeSet<>(appended);
        followed.forEach(skipped::remove);
        assertTrue(
                skipped.isEmpty(),
                "the reader skipped " + skipped.size() + " messages that committed after a larger id, e.g. "
                        + skipped.stream().limit(10).toList());
        assertEquals(appended.size(), followed.size());
    }
}
