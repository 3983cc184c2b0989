package dev.chatgopher.persistence.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.Submission;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Another node holds the writers' lock while a batch arrives: the batch's one statement stores nothing, the batch
 * waits for the lock in a transaction, and only once it has the lock takes the sends that arrived meanwhile, so
 * that they commit with it, after the other node's commit and in order.
 */
class WriterLockContentionOnPostgresIT {

    @RegisterExtension
    static final PostgresSchema POSTGRES = PostgresSchema.migrated();

    @Test
    void a_batch_that_finds_the_lock_taken_waits_for_it_then_takes_the_late_arrivals() throws Exception {
        JooqMessageStore store = new JooqMessageStore(POSTGRES.dataSource(), SQLDialect.POSTGRES);
        long before = store.newestId();
        AtomicBoolean otherNodeCommitted = new AtomicBoolean();
        AtomicBoolean takenAfterTheOtherCommit = new AtomicBoolean();
        CompletableFuture<List<Appended>> appending;
        try (Connection otherNode = POSTGRES.dataSource().getConnection()) {
            otherNode.setAutoCommit(false);
            try (Statement statement = otherNode.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + JooqMessageStore.WRITER_LOCK + ")");
                statement.execute("insert into messages (sequence, text, created_at, room)"
                        + " values (0, 'the other node', now(), 'general')");
            }
            appending = CompletableFuture.supplyAsync(() ->
                    store.append(List.of(submission("first")), Instant.now(), () -> {
                        takenAfterTheOtherCommit.set(otherNodeCommitted.get());
                        return List.of(submission("late 1"), submission("late 2"));
                    }));
            awaitAWaiterForTheWriterLock(otherNode);
            assertFalse(appending.isDone(), "the batch did not wait for the lock");
            otherNodeCommitted.set(true);
            otherNode.commit();
        }

        List<Appended> appended = appending.get(10, TimeUnit.SECONDS);
        assertTrue(takenAfterTheOtherCommit.get(), "the late arrivals were taken before the lock was granted");
        List<Message> stored = store.readAfter(RoomSelection.all(), before, 10);
        assertEquals(
                List.of("the other node", "first", "late 1", "late 2"),
                stored.stream().map(Message::text).toList());
        assertEquals(
                stored.subList(1, 4), appended.stream().map(Appended::message).toList());
        assertFalse(appended.stream().anyMatch(Appended::alreadyStored));
    }

    @Test
    void a_batch_that_finds_the_lock_free_is_stored_without_taking_late_arrivals() {
        JooqMessageStore store = new JooqMessageStore(POSTGRES.dataSource(), SQLDialect.POSTGRES);
        AtomicInteger takes = new AtomicInteger();

        List<Appended> appended = store.append(List.of(submission("alone")), Instant.now(), () -> {
            takes.incrementAndGet();
            return List.of(submission("never taken"));
        });

        assertEquals(1, appended.size());
        assertEquals("alone", appended.getFirst().message().text());
        assertEquals(0, takes.get());
        assertEquals(
                List.of(appended.getFirst().message()),
                store.readAfter(
                        RoomSelection.all(), appended.getFirst().message().id() - 1, 10));
    }

    private static Submission submission(String text) {
        return Submission.of(new NewMessage(RoomId.GENERAL, null, 1, text));
    }

    /** Waits until some backend waits for the writers' lock, which the given connection holds. */
    private static void awaitAWaiterForTheWriterLock(Connection holder) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Statement statement = holder.createStatement();
                    ResultSet waiting = statement.executeQuery(
                            "select count(*) from pg_locks where locktype = 'advisory' and not granted")) {
                waiting.next();
                if (waiting.getLong(1) > 0) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no backend waited for the writers' lock within 10 s");
    }
}
