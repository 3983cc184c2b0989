package dev.chatgopher.persistence.jooq;

import static dev.chatgopher.persistence.jooq.generated.Tables.IDEMPOTENCY_KEYS;
import static dev.chatgopher.persistence.jooq.generated.Tables.MESSAGES;
import static dev.chatgopher.persistence.jooq.generated.Tables.ROOMS;

import dev.chatgopher.domain.model.Author;
import dev.chatgopher.domain.model.HistoryPage;
import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.OutcomeUnknownException;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.model.StoreUnavailableException;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.IdempotentAppend;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.Submission;
import dev.chatgopher.persistence.jooq.generated.tables.records.MessagesRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.jooq.Condition;
import org.jooq.ConnectionProvider;
import org.jooq.Cursor;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.InsertValuesStep5;
import org.jooq.Record;
import org.jooq.Record4;
import org.jooq.ResultQuery;
import org.jooq.Row4;
import org.jooq.SQLDialect;
import org.jooq.Select;
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

    private static final String READ_AFTER_IN_EVERY_ROOM =
            "select id, room, author, sequence, text, created_at from messages where id > ? order by id limit ?";

    private static final Settings SETTINGS = new Settings().withExecuteLogging(false);

    private final DataSource dataSource;
    private final DSLContext dsl;
    /** Appends run on the connection their batch holds (see {@link HeldConnection}), through one configuration. */
    private final HeldConnection held = new HeldConnection();

    private final DSLContext heldDsl;
    private final boolean postgres;
    /** On PostgreSQL, the insert of every batch (notifying the feed's channel, if any); null on H2. */
    private final PostgresBatchInsert batchInsert;

    /** A store that notifies no one: one node, or H2. */
    public JooqMessageStore(DataSource dataSource, SQLDialect dialect) {
        this(dataSource, dialect, null);
    }

    /**
     * A store whose every insert on PostgreSQL also sends, in its own transaction, a {@code NOTIFY} on the channel
     * with the newest id of the batch as payload (ids only: a payload must stay under 8000 bytes).
     *
     * @param notifyChannel the channel the nodes' feeds listen on, or null for none
     */
    public JooqMessageStore(DataSource dataSource, SQLDialect dialect, String notifyChannel) {
        this.dataSource = dataSource;
        this.dsl = DSL.using(dataSource, dialect, SETTINGS);
        this.heldDsl = DSL.using(held, dialect, SETTINGS);
        this.postgres = dialect.family() == SQLDialect.POSTGRES;
        if (notifyChannel != null && !postgres) {
            throw new IllegalArgumentException("only PostgreSQL can notify other nodes, not " + dialect);
        }
        this.batchInsert = postgres ? new PostgresBatchInsert(WRITER_LOCK, notifyChannel) : null;
    }

    /**
     * {@inheritDoc}
     *
     * <p>A failure to get a connection, or of any statement before the commit, stores nothing and is reported as
     * {@link StoreUnavailableException}; a connection that breaks while the commit is on its way (on PostgreSQL, for
     * a batch without keys, the one statement that is its own transaction) leaves the outcome unknown:
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
            // The columns keep microseconds; the messages answered are built from what was sent, so they must carry
            // the time as stored, not a finer one the database would round.
            IdempotentAppend.Storage storage = new Storage(heldDsl, createdAt.truncatedTo(ChronoUnit.MICROS));
            if (postgres && !IdempotentAppend.hasKeys(batch)) {
                // The common case: one statement (messages and room summaries), hence one round trip and its own
                // transaction.
                return committing(() -> IdempotentAppend.append(batch, storage));
            }
            return inTransaction(connection, () -> IdempotentAppend.append(batch, storage));
        } finally {
            held.release();
            closeQuietly(connection);
        }
    }

    /** What {@link IdempotentAppend} asks of this store, answered on the batch's connection. */
    private final class Storage implements IdempotentAppend.Storage {
        private final DSLContext sql;
        private final Instant createdAt;

        Storage(DSLContext sql, Instant createdAt) {
            this.sql = sql;
            this.createdAt = createdAt;
        }

        @Override
        public Map<IdempotencyKey, Message> known(Set<IdempotencyKey> keys) {
            if (postgres) {
                // Taken before the keys are looked up, so two nodes never both insert a message for one new key.
                sql.select(DSL.function("pg_advisory_xact_lock", Object.class, DSL.val(WRITER_LOCK)))
                        .fetch();
            }
            return messagesByKey(sql, keys);
        }

        @Override
        public List<Message> insert(List<NewMessage> fresh) {
            List<Message> inserted = JooqMessageStore.this.insert(sql, fresh, createdAt);
            if (!postgres) {
                // On PostgreSQL the insert statement brought the summaries up to date itself.
                summarise(sql, inserted);
            }
            return inserted;
        }

        @Override
        public void remember(Map<IdempotencyKey, Message> newKeys) {
            rememberKeys(sql, newKeys, createdAt);
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

    @Override
    public void readRange(RoomId room, TimeRange range, MessageSink sink) throws IOException {
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
                    // Ordered by the room too, though it is fixed: H2 sees that the index order serves the query
                    // only when the order names the index's columns from the first.
                    try (Cursor<MessagesRecord> cursor = tx.dsl()
                            .selectFrom(MESSAGES)
                            .where(MESSAGES.ROOM.eq(room.value()))
                            .and(MESSAGES.CREATED_AT.between(from, to))
                            .orderBy(MESSAGES.ROOM, MESSAGES.CREATED_AT, MESSAGES.ID)
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

    /** Answers each page with one range scan of the (room, id) index: backwards for the newest and older ones. */
    @Override
    public List<Message> readPage(RoomId room, HistoryPage page) {
        Condition inRoom = MESSAGES.ROOM.eq(room.value());
        return translatingErrors(() -> switch (page) {
            case HistoryPage.Newest newest -> oldestFirst(newestOf(inRoom, newest.limit()));
            case HistoryPage.Before before ->
                oldestFirst(newestOf(inRoom.and(MESSAGES.ID.lt(before.id())), before.limit()));
            case HistoryPage.After after ->
                dsl.selectFrom(MESSAGES)
                        .where(inRoom.and(MESSAGES.ID.gt(after.id())))
                        .orderBy(MESSAGES.ROOM, MESSAGES.ID)
                        .limit(after.limit())
                        .fetch(JooqMessageStore::toMessage);
        });
    }

    private List<Message> newestOf(Condition condition, int limit) {
        return dsl.selectFrom(MESSAGES)
                .where(condition)
                .orderBy(MESSAGES.ROOM.desc(), MESSAGES.ID.desc())
                .limit(limit)
                .fetch(JooqMessageStore::toMessage);
    }

    private static List<Message> oldestFirst(List<Message> newestFirst) {
        return newestFirst.reversed();
    }

    /**
     * Every room: one range of the primary key. A set of rooms: one range of the (room, id) index per room, merged by
     * id; on PostgreSQL in one statement (a Merge Append of the index scans), on H2 in Java, as H2 would sort the
     * union.
     */
    @Override
    public List<Message> readAfter(RoomSelection selection, long afterId, int limit) {
        return translatingErrors(() -> switch (selection) {
            case RoomSelection.AllRooms all -> readAfterInEveryRoom(afterId, limit);
            case RoomSelection.Only only
            when only.rooms().size() == 1 -> afterInRoom(dsl, only.rooms().first(), afterId, null, limit);
            case RoomSelection.Only only ->
                postgres ? unionAfter(only, afterId, limit) : mergedAfter(only, afterId, limit);
        });
    }

    /**
     * The read every node's feed does after each notification, and a resume over every room: one fixed statement,
     * so nothing is rendered per read and pgjdbc prepares it once per connection (built by jOOQ each time, rendering
     * and mapping the records took most of the feed reader's CPU).
     */
    private List<Message> readAfterInEveryRoom(long afterId, int limit) {
        try (Connection connection = connect();
                PreparedStatement statement = connection.prepareStatement(READ_AFTER_IN_EVERY_ROOM)) {
            statement.setLong(1, afterId);
            statement.setInt(2, limit);
            List<Message> page = new ArrayList<>(Math.min(limit, 64));
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    page.add(new Message(
                            rows.getLong(1),
                            RoomId.of(rows.getString(2)),
                            Author.ofNullable(rows.getString(3)),
                            rows.getLong(4),
                            rows.getString(5),
                            rows.getObject(6, OffsetDateTime.class).toInstant()));
                }
            }
            return page;
        } catch (SQLException e) {
            throw translated(e);
        }
    }

    private List<Message> unionAfter(RoomSelection.Only only, long afterId, int limit) {
        Select<MessagesRecord> union = null;
        for (RoomId room : only.rooms()) {
            Select<MessagesRecord> part = dsl.selectFrom(MESSAGES)
                    .where(MESSAGES.ROOM.eq(room.value()))
                    .and(MESSAGES.ID.gt(afterId))
                    .orderBy(MESSAGES.ID)
                    .limit(limit);
            union = union == null ? part : union.unionAll(part);
        }
        Table<MessagesRecord> caughtUp = union.asTable("caught_up");
        return dsl.select()
                .from(caughtUp)
                .orderBy(caughtUp.field(MESSAGES.ID))
                .limit(limit)
                .fetchInto(MESSAGES)
                .map(JooqMessageStore::toMessage);
    }

    private List<Message> mergedAfter(RoomSelection.Only only, long afterId, int limit) {
        return dsl.transactionResult(tx -> {
            // The rooms are read one statement after another: a batch committed in between could show its message
            // in a later room and hide its message in an earlier one, and a reader resuming after the later id
            // would never see the earlier. Reading only up to the newest id committed before the first statement
            // rules that out, as ids increase in commit order.
            Long newest = tx.dsl().select(DSL.max(MESSAGES.ID)).from(MESSAGES).fetchOne(0, Long.class);
            if (newest == null || newest <= afterId) {
                return List.of();
            }
            List<List<Message>> perRoom = new ArrayList<>(only.rooms().size());
            for (RoomId room : only.rooms()) {
                perRoom.add(afterInRoom(tx.dsl(), room, afterId, newest, limit));
            }
            return firstById(perRoom, limit);
        });
    }

    private static List<Message> afterInRoom(DSLContext sql, RoomId room, long afterId, Long upTo, int limit) {
        Condition condition = MESSAGES.ROOM.eq(room.value()).and(MESSAGES.ID.gt(afterId));
        if (upTo != null) {
            condition = condition.and(MESSAGES.ID.le(upTo));
        }
        return sql.selectFrom(MESSAGES)
                .where(condition)
                .orderBy(MESSAGES.ROOM, MESSAGES.ID)
                .limit(limit)
                .fetch(JooqMessageStore::toMessage);
    }

    /** The first {@code limit} of the lists' messages by id; each list holds at most {@code limit}. */
    private static List<Message> firstById(List<List<Message>> lists, int limit) {
        return lists.stream()
                .flatMap(List::stream)
                .sorted(Comparator.comparingLong(Message::id))
                .limit(limit)
                .toList();
    }

    /**
     * Reads the summaries by the (last_id desc) index. The prefix is compared with {@code left(room, n)} rather than
     * {@code like}: a condition the primary key could serve would tempt the planner into a key range and a sort.
     */
    @Override
    public List<RoomSummary> listRooms(RoomListing listing) {
        Condition condition = listing.prefix().isEmpty()
                ? DSL.noCondition()
                : DSL.left(ROOMS.ROOM, listing.prefix().length()).eq(listing.prefix());
        return translatingErrors(() -> dsl.selectFrom(ROOMS)
                .where(condition)
                .orderBy(ROOMS.LAST_ID.desc())
                .limit(listing.limit())
                .fetch(row -> new RoomSummary(
                        RoomId.of(row.getRoom()), row.getMessages(), row.getLastId(), row.getLastAt())));
    }

    /** The largest id ever committed and still stored, 0 when there is none: where a feed starts. */
    public long newestId() {
        Long newest = translatingErrors(
                () -> dsl.select(DSL.max(MESSAGES.ID)).from(MESSAGES).fetchOne(0, Long.class));
        return newest == null ? 0 : newest;
    }

    @Override
    public int forgetIdempotencyKeysBefore(Instant cutoff) {
        return translatingErrors(() -> dsl.deleteFrom(IDEMPOTENCY_KEYS)
                .where(IDEMPOTENCY_KEYS.CREATED_AT.lt(cutoff))
                .execute());
    }

    /**
     * One multi-row INSERT ... RETURNING for the whole batch: on PostgreSQL {@link PostgresBatchInsert} (the advisory
     * lock, the room summaries and the NOTIFY in the same statement), on H2 a VALUES list.
     */
    private List<Message> insert(DSLContext sql, List<NewMessage> fresh, Instant createdAt) {
        List<Long> ids;
        if (postgres) {
            try {
                ids = batchInsert.insert(held.acquire(), fresh, createdAt);
            } catch (SQLException e) {
                throw new DataAccessException("the batch insert failed: " + e.getMessage(), e);
            }
        } else {
            // Only the ids come back: the rest is what was sent. Identity values are drawn in row order; RETURNING
            // order is not promised, so the ids are sorted and the k-th smallest is the k-th row's.
            ids = new ArrayList<>(h2InsertQuery(sql, fresh, createdAt).fetch(0, Long.class));
            ids.sort(null);
        }
        List<Message> inserted = new ArrayList<>(fresh.size());
        for (int i = 0; i < fresh.size(); i++) {
            inserted.add(Message.stored(ids.get(i), fresh.get(i), createdAt));
        }
        return inserted;
    }

    /**
     * Readies the statements a first send needs, without storing anything: on a cold JVM, rendering jOOQ's first
     * insert and running the first statements takes long enough to miss a one-second send deadline.
     */
    public void warmUp() {
        List<NewMessage> sample = List.of(new NewMessage(RoomId.GENERAL, null, 0, "warm-up"));
        if (!postgres) {
            h2InsertQuery(dsl, sample, Instant.EPOCH).getSQL();
        }
        translatingErrors(
                () -> dsl.transactionResult(tx -> messagesByKey(tx.dsl(), Set.of(new IdempotencyKey("warm-up")))));
        readAfter(RoomSelection.all(), Long.MAX_VALUE - 1, 1);
    }

    private static ResultQuery<? extends Record> h2InsertQuery(
            DSLContext sql, List<NewMessage> fresh, Instant createdAt) {
        InsertValuesStep5<MessagesRecord, Long, String, Instant, String, String> insert = sql.insertInto(
                MESSAGES, MESSAGES.SEQUENCE, MESSAGES.TEXT, MESSAGES.CREATED_AT, MESSAGES.ROOM, MESSAGES.AUTHOR);
        for (NewMessage message : fresh) {
            insert = insert.values(
                    message.sequence(),
                    message.text(),
                    createdAt,
                    message.room().value(),
                    authorName(message));
        }
        return insert.returning(MESSAGES.ID);
    }

    /** On H2, in the transaction of the insert: one MERGE adding each room's share of the batch. */
    private static void summarise(DSLContext sql, List<Message> inserted) {
        Map<RoomId, RoomSummary> added = new LinkedHashMap<>();
        for (Message message : inserted) {
            added.merge(message.room(), RoomSummary.of(message), RoomSummary::plus);
        }
        List<Row4<String, Long, Long, Instant>> rows = new ArrayList<>(added.size());
        for (RoomSummary summary : added.values()) {
            rows.add(DSL.row(
                    DSL.val(summary.room().value(), ROOMS.ROOM),
                    DSL.val(summary.messages(), ROOMS.MESSAGES),
                    DSL.val(summary.lastId(), ROOMS.LAST_ID),
                    DSL.val(summary.lastAt(), ROOMS.LAST_AT)));
        }
        Table<Record4<String, Long, Long, Instant>> batch =
                DSL.values(rows.toArray(Row4[]::new)).as("batch", "room", "messages", "last_id", "last_at");
        Field<String> room = batch.field("room", String.class);
        Field<Long> messages = batch.field("messages", Long.class);
        Field<Long> lastId = batch.field("last_id", Long.class);
        Field<Instant> lastAt = batch.field("last_at", Instant.class);
        sql.mergeInto(ROOMS)
                .using(batch)
                .on(ROOMS.ROOM.eq(room))
                .whenMatchedThenUpdate()
                .set(ROOMS.MESSAGES, ROOMS.MESSAGES.plus(messages))
                .set(ROOMS.LAST_ID, DSL.greatest(ROOMS.LAST_ID, lastId))
                .set(ROOMS.LAST_AT, DSL.when(lastId.gt(ROOMS.LAST_ID), lastAt).otherwise(ROOMS.LAST_AT))
                .whenNotMatchedThenInsert(ROOMS.ROOM, ROOMS.MESSAGES, ROOMS.LAST_ID, ROOMS.LAST_AT)
                .values(room, messages, lastId, lastAt)
                .execute();
    }

    private static void rememberKeys(DSLContext sql, Map<IdempotencyKey, Message> newKeys, Instant createdAt) {
        var insert = sql.insertInto(
                IDEMPOTENCY_KEYS,
                IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY,
                IDEMPOTENCY_KEYS.MESSAGE_ID,
                IDEMPOTENCY_KEYS.CREATED_AT);
        for (Map.Entry<IdempotencyKey, Message> entry : newKeys.entrySet()) {
            insert = insert.values(entry.getKey().stored(), entry.getValue().id(), createdAt);
        }
        insert.execute();
    }

    private static Map<IdempotencyKey, Message> messagesByKey(DSLContext sql, Set<IdempotencyKey> keys) {
        Map<String, IdempotencyKey> byStoredForm = new HashMap<>();
        keys.forEach(key -> byStoredForm.put(key.stored(), key));
        Map<IdempotencyKey, Message> known = new HashMap<>();
        for (Record row : sql.select(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY)
                .select(MESSAGES.fields())
                .from(IDEMPOTENCY_KEYS)
                .join(MESSAGES)
                .on(MESSAGES.ID.eq(IDEMPOTENCY_KEYS.MESSAGE_ID))
                .where(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY.in(byStoredForm.keySet()))
                .fetch()) {
            known.put(byStoredForm.get(row.get(IDEMPOTENCY_KEYS.IDEMPOTENCY_KEY)), toMessage(row.into(MESSAGES)));
        }
        return known;
    }

    /** The author column's value: the name, or null for nobody in particular. */
    static String authorName(NewMessage message) {
        return message.author() == null ? null : message.author().name();
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
        return new Message(
                row.getId(),
                RoomId.of(row.getRoom()),
                Author.ofNullable(row.getAuthor()),
                row.getSequence(),
                row.getText(),
                row.getCreatedAt());
    }
}
