package dev.chatgopher.persistence.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.Submission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;

/**
 * Several writers (as several nodes would have) append to one PostgreSQL at once. Because each transaction takes
 * the advisory lock before drawing ids, ids become visible in increasing order: a reader that follows with
 * {@code readAfter(last seen)} never skips a message that commits late with a smaller id.
 */
class ConcurrentWritersOnPostgresIT {

    private static final int WRITERS = 4;
    private static final int BATCHES_PER_WRITER = 150;
    private static final int BATCH_SIZE = 5;

    @Test
    void a_reader_following_by_id_sees_every_message_of_concurrent_writers() throws Exception {
        try (TestPostgres.Schema schema = TestPostgres.newSchema()) {
            DatabaseMigrations.migrate(schema.dataSource());
            Set<Long> appended = ConcurrentHashMap.newKeySet();
            List<Long> followed = new ArrayList<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            ExecutorService threads = Executors.newFixedThreadPool(WRITERS + 1);

            Future<?> reader = threads.submit(() -> {
                JooqMessageStore store = new JooqMessageStore(schema.dataSource(), SQLDialect.POSTGRES);
                long last = 0;
                boolean finalPass = false;
                while (true) {
                    List<Message> page = store.readAfter(last, 1_000);
                    for (Message message : page) {
                        followed.add(message.id());
                        last = message.id();
                    }
                    if (finalPass && page.isEmpty()) {
                        return null;
                    }
                    finalPass = !writing.get();
                }
            });
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < WRITERS; w++) {
                int writer = w;
                writers.add(threads.submit(() -> {
                    JooqMessageStore store = new JooqMessageStore(schema.dataSource(), SQLDialect.POSTGRES);
                    for (int b = 0; b < BATCHES_PER_WRITER; b++) {
                        int batch = b;
                        List<Submission> submissions = IntStream.range(0, BATCH_SIZE)
                                .mapToObj(i -> Submission.of(new NewMessage(i, "writer " + writer + " batch " + batch)))
                                .toList();
                        for (Appended result : store.append(submissions, Instant.now())) {
                            appended.add(result.message().id());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> writer : writers) {
                writer.get();
            }
            writing.set(false);
            reader.get();
            threads.shutdown();

            assertEquals(WRITERS * BATCHES_PER_WRITER * BATCH_SIZE, appended.size());
            for (int i = 1; i < followed.size(); i++) {
                assertTrue(followed.get(i) > followed.get(i - 1));
            }
            Set<Long> skipped = new TreeSet<>(appended);
            skipped.removeAll(followed);
            assertTrue(
                    skipped.isEmpty(),
                    "the reader skipped " + skipped.size() + " messages that committed after a larger id, e.g. "
                            + skipped.stream().limit(10).toList());
            assertEquals(appended.size(), followed.size());
        }
    }
}
