package dev.chatgopher.persistence.jooq;

import static dev.chatgopher.persistence.jooq.generated.Tables.IDEMPOTENCY_KEYS;
import static dev.chatgopher.persistence.jooq.generated.Tables.MESSAGES;

import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.OutcomeUnknownException;
import dev.chatgopher.domain.model.StoreUnavailableException;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.Submission;
import dev.chatgopher.persistence.jooq.generated.tables.records.MessagesRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.ConnectionProvider;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.InsertValuesStep3;
import org.jooq.Record;
import org.jooq.Record3;
import org.jooq.Result;
import org.jooq.ResultQuery;
import org.jooq.Row3;
import org.jooq.SQLDialect;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.exception.DataAccessException;
import org.jooq.impl.DSL;

/** The {@link MessageStore} on PostgreSQL or H2, through jOOQ. */
public final class JooqMessageStore implements MessageStore {

    /** Rows fetched per round trip when streaming history; pgjdbc streams only with autocommit off and a fetch size. */
    private static final int HISTORY_FETCH_SIZE = 1_000;
    /**
     * The transaction-scoped advisory lock every writer takes on PostgreSQL before inserting: commits of all nodes
     * are serialised, so ids (drawn inside the lock) increase in commit order across nodes.
     */
    private static final long WRITER_LOCK = 0x43_68_61_74_47_6F_70_68L; // "ChatGoph"

    private static final Settings SETTINGS = new Settings().withExecuteLogging(false);

    private final DataSource dataSource;
    private final DSLContext dsl;
    /** Appends run on the connection their batch holds (see {@link HeldConnection}), through one configuration. */
    private final HeldConnection held = new HeldConnection();

    private final DSLContext heldDsl;
    private final boolean postgres;

    /** Where a submission's answer comes from: a message known by its key, or the insert at {@code freshIndex}. */
    private record Origin(int freshIndex, Message known) {}

    public JooqMessageStore(DataSource dataSource, SQLDialect dialect) {
        this.dataSource = dataSource;
        this.dsl = DSL.using(dataSource, dialect, SETTINGS);
        this.heldDsl = DSL.using(held, dialect, SETTINGS);
        this.postgres = dialect.family() == SQLDialect.POSTGRES;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A failure to get a connection, or of any statement before the commit, stores nothing and is reported as
     * {@link StoreUnavailableException}; a connection that breaks while the commit is on its way (for a batch
     * without keys, the one statement that is its own transaction) leaves the outcome unknown:
     * {@link OutcomeUnknownException}.
     */
    @Override
    public List<Appended> append(List<Submission> batch, Instant createdAt) {
        if (batch.isEmpty()) {
            return List.of();
        }
        Connection connection = connect();
        held.hold(connection);
        try {
            Set<String> keys = keysOf(batch);
            if (keys.isEmpty()) {
                // The common case: one statement, hence one round trip and its own transaction.
                return committing(() -> insert(heldDsl, batch, createdAt).stream()
                        .map(message -> new Appended(message, false))
                        .toList());
            }
            return inTransaction(connection, () -> appendWithKeys(heldDsl, batch, keys, createdAt));
        } finally {
            held.release();
            closeQuietly(connection);
        }
    }

    /**
     * Gives jOOQ the connection the calling thread's batch took from the pool, so that the batch knows whether a
     * failure came before anything was sent (no connection) or after, without building a jOOQ configuration per
     * batch (that cost about 1.5 % of the server's CPU in the publish benchmark).
     */
    private static final class HeldConnection implements ConnectionProvider {
        private final ThreadLocal<Connection> connection = new ThreadLocal<>();

        void hold(Connection held) {
            connection.set(held);
        }

        void release() {
            connection.remove();
        }

        @Override
        public Connection acquire() {
            Connection held = connection.get();
            if (held == null) {
                throw new DataAccessException("no connection is held by this thread: append takes one first");
            }
            return held;
        }

        @Override
        public void release(Connection released) {
            // The batch that took it returns it to the pool.
        }
    }

    /** Runs the work in a transaction of its own on the connection; only a failed commit leaves the outcome unknown. */
    private static <T> T inTransaction(Connection connection, Supplier<T> work) {
        try {
            connection.setAutoCommit(false);
        } catch (SQLException e) {
            throw translated(e);
        }
        T result;
        try {
            result = translatingErrors(work);
        } catch (RuntimeException e) {
            rollbackQuietly(connection);
            throw e;
        }
        committing(() -> {
            connection.commit();
            return null;
        });
        return result;
    }

    private List<Appended> appendWithKeys(DSLContext sql, List<Submission> batch, Set<String> keys, Instant createdAt) {
        if (postgres) {
            // Taken before the keys are looked up, so two nodes never both insert a message for one new key.
            sql.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.val(WRITER_LOCK)))
                    .fetch();
        }
        Map<IdempotencyKey, Message> known = messagesByKey(sql, keys);
        // Plan each submission: answered by a known key, by an earlier submission of this batch, or inserted.
        List<Submission> fresh = new ArrayList<>();
        Map<IdempotencyKey, Integer> freshIndexByKey = new HashMap<>();
        List<Origin> origins = new ArrayList<>(batch.size());
        for (Submission submission : batch) {
            IdempotencyKey key = submission.idempotencyKey();
            if (key != null && known.containsKey(key)) {
                origins.add(new Origin(-1, known.get(key)));
            } else if (key != null && freshIndexByKey.containsKey(key)) {
                origins.add(new Origin(freshIndexByKey.get(key), null));
            } else {
                if (key != null) {
                    freshIndexByKey.put(key, fresh.size());
                }
                origins.add(new Origin(fresh.size(), null));
                fresh.add(submission);
            }
        }
        List<Message> inserted = insert(sql, fresh, createdAt);
        rememberKeys(sql, freshIndexByKey, inserted, createdAt);

        List<Appended> results = new ArrayList<>(batch.size());
        boolean[] answered = new boolean[fresh.size()];
        for (Origin origin : origins) {
            if (origin.known() != null) {
                results.add(new Appended(origin.known(), true));
            } else {
                results.add(new Appended(inserted.get(origin.freshIndex()), answered[origin.freshIndex()]));
                answered[origin.freshIndex()] = true;
            }
        }
        return results;
    }

    @Override
    public void readRange(TimeRange range, MessageSink sink) throws IOException {
        // Stored times have microsecond precision: round the ends inwards so that nanoseconds in the request
        // are honoured instead of being rounded by the driver.
        Instant from = ceilToMicros(range.from());
        Instant to = range.to().truncatedTo(ChronoUnit.MICROS);
        if (from.isAfter(to)) {
            return;
        }
        try {
            translatingErrors(() -> {
                dsl.transaction(tx -> {
                    if (postgres) {
                        // Stream in index order from the first row: for a wide range the planner would rather
                        // scan the table and sort it all first (0.36 s before the first of 1,000,000 rows).
                        tx.dsl().execute("set local enable_sort = off");
                    }
                    try (Cursor<MessagesRecord> cursor = tx.dsl()
                            .selectFrom(MESSAGES)
                            .where(MESSAGES.CREATED_AT.between(from, to))
                            .orderBy(MESSAGES.CREATED_AT, MESSAGES.ID)
                            .fetchSize(HISTORY_FETCH_SIZE)
                            .fetchLazy()) {
                        for (MessagesRecord row : cursor) {
                            try {
                                sink.accept(toMessage(row));
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                    }
                });
                return null;
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    @Override
    public List<Message> readAfter(long afterId, int limit) {
        return translatingErrors(() -> dsl.selectFrom(MESSAGES)
                .where(MESSAGES.ID.gt(afterId))
                .orderBy(MESSAGES.ID)
                .limit(limit)
                .fetch(JooqMessageStore::toMessage));
    }

    @Override
    public int forgetIdempotencyKeysBefore(Instant cutoff) {
        return translatingErrors(() -> dsl.deleteFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.CREATED_AT.lt(cutoff))
                .execute());
    }

    /**
     * One multi-row INSERT ... RETURNING for the whole batch. On PostgreSQL the rows are selected from a cross join
     * with {@code pg_advisory_xact_lock}, so the lock is held before the first id is drawn, even when this statement
     * is its own transaction.
     */
    private List<Message> insert(DSLContext sql, List<Submission> fresh, Instant createdAt) {
        if (fresh.isEmpty()) {
            return List.of();
        }
        Result<MessagesRecord> inserted = insertQuery(sql, fresh, createdAt).fetch();
        // Identity values are drawn in row order; RETURNING order is not promised, so sort by id.
        return inserted.stream()
                .map(JooqMessageStore::toMessage)
                .sorted(Comparator.comparingLong(Message::id))
                .toList();
    }

    /**
     * Readies the statements a first send needs, without storing anything: on a cold JVM, rendering jOOQ's first
     * insert and running the first statements takes long enough to miss a one-second send deadline.
     */
    public void warmUp() {
        List<Submission> sample = List.of(new Submission(new NewMessage(0, "warm-up"), new IdempotencyKey("warm-up")));
        insertQuery(dsl, sample, Instant.EPOCH).getSQL();
        translatingErrors(() -> dsl.transactionResult(tx -> messagesByKey(tx.dsl(), keysOf(sample))));
        readAfter(Long.MAX_VALUE - 1, 1);
    }

    private ResultQuery<MessagesRecord> insertQuery(DSLContext sql, List<Submission> fresh, Instant createdAt) {
        if (postgres) {
            List<Row3<Long, String, Instant>> rows = new ArrayList<>(fresh.size());
            for (Submission submission : fresh) {
                rows.add(DSL.row(
                        DSL.val(submission.message().sequence(), MESSAGES.SEQUENCE),
                        DSL.val(submission.message().text(), MESSAGES.TEXT),
                        DSL.val(createdAt, MESSAGES.CREATED_AT)));
            }
            Table<Record3<Long, String, Instant>> values =
                    DSL.values(rows.toArray(Row3[]::new)).as("v", "sequence", "text", "created_at");
            Table<?> lock = DSL.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.val(WRITER_LOCK)))
                    .asTable("writer_lock");
            return sql.insertInto(MESSAGES, MESSAGES.SEQUENCE, MESSAGES.TEXT, MESSAGES.CREATED_AT)
                    .select(DSL.select(
                                    values.field("sequence", Long.class),
                                    values.field("text", String.class),
                                    values.field("created_at", Instant.class))
                            .from(lock)
                            .crossJoin(values))
                    .returning();
        }
        InsertValuesStep3<MessagesRecord, Long, String, Instant> insert =
                sql.insertInto(MESSAGES, MESSAGES.SEQUENCE, MESSAGES.TEXT, MESSAGES.CREATED_AT);
        for (Submission submission : fresh) {
            insert = insert.values(
                    submission.message().sequence(), submission.message().text(), createdAt);
        }
        return insert.returning();
    }

    private static void rememberKeys(
            DSLContext sql, Map<IdempotencyKey, Integer> indexByKey, List<Message> inserted, Instant createdAt) {
        if (indexByKey.isEmpty()) {
            return;
        }
        var insert = sql.insertInto(
                IDEMPOTENCY_KEYS,
                IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY,
                IDEMPOTENCY_KEYS.MESSAGE_ID,
                IDEMPOTENCY_KEYS.CREATED_AT);
        for (Map.Entry<IdempotencyKey, Integer> entry : indexByKey.entrySet()) {
            insert = insert.values(
                    entry.getKey().value(), inserted.get(entry.getValue()).id(), createdAt);
        }
        insert.execute();
    }

    private static Map<IdempotencyKey, Message> messagesByKey(DSLContext sql, Set<String> keys) {
        Map<IdempotencyKey, Message> known = new HashMap<>();
        for (Record row : sql.select(
                        IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY,
                        MESSAGES.ID,
                        MESSAGES.SEQUENCE,
                        MESSAGES.TEXT,
                        MESSAGES.CREATED_AT)
                .from(IDEMPOTENCY_KEYS)
                .join(MESSAGES)
                .on(MESSAGES.ID.eq(IDEMPOTENCY_KEYS.MESSAGE_ID))
                .where(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.in(keys))
                .fetch()) {
            known.put(
                    new IdempotencyKey(row.get(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY)),
                    new Message(
                            row.get(MESSAGES.ID),
                            row.get(MESSAGES.SEQUENCE),
                            row.get(MESSAGES.TEXT),
                            row.get(MESSAGES.CREATED_AT)));
        }
        return known;
    }

    private static Set<String> keysOf(List<Submission> batch) {
        Set<String> keys = new LinkedHashSet<>();
        for (Submission submission : batch) {
            if (submission.idempotencyKey() != null) {
                keys.add(submission.idempotencyKey().value());
            }
        }
        return keys;
    }

    private Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw translated(e);
        }
    }

    private static <T> T translatingErrors(Supplier<T> work) {
        try {
            return work.get();
        } catch (DataAccessException e) {
            throw translated(e);
        }
    }

    /** Work that commits: a connection failure during it leaves the outcome unknown. */
    private static <T> T committing(SqlWork<T> work) {
        try {
            return work.run();
        } catch (DataAccessException | SQLException e) {
            if (DatabaseErrors.isUnavailable(e)) {
                throw new OutcomeUnknownException(
                        "the connection to the database broke while the commit was on its way: " + e.getMessage(), e);
            }
            throw e instanceof SQLException sql
                    ? new DataAccessException("commit failed", sql)
                    : (DataAccessException) e;
        }
    }

    @FunctionalInterface
    private interface SqlWork<T> {
        T run() throws SQLException;
    }

    private static RuntimeException translated(Exception e) {
        if (DatabaseErrors.isUnavailable(e)) {
            return new StoreUnavailableException("the database is unavailable: " + e.getMessage(), e);
        }
        return e instanceof RuntimeException runtime ? runtime : new DataAccessException(e.getMessage(), e);
    }

    /** The pool resets auto-commit and discards a broken connection; a failure here must not undo a committed answer. */
    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Nothing left to do for this connection.
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The connection is broken; the pool discards it, and the server rolls the transaction back.
        }
    }

    private static Instant ceilToMicros(Instant instant) {
        Instant floor = instant.truncatedTo(ChronoUnit.MICROS);
        return floor.equals(instant) ? floor : floor.plus(1, ChronoUnit.MICROS);
    }

    private static Message toMessage(MessagesRecord row) {
        return new Message(row.getId(), row.getSequence(), row.getText(), row.getCreatedAt());
    }
}
