package dev.chatgopher.persistence.jooq;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.HistoryPage;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.out.Submission;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseMigrationsIT {

    private static final Instant T0 = Instant.parse("2025-02-01T12:00:00Z");
    private static final int ROOMS = 1_000;
    private static final int MESSAGES_PER_ROOM = 100;
    /** A Sort node of a PostgreSQL plan; not the "Sort Key" of a Merge Append, which merges sorted inputs. */
    private static final Pattern SORT_NODE = Pattern.compile("(^|->)\\s*(Incremental )?Sort\\s+\\(", Pattern.MULTILINE);

    @TempDir
    Path directory;

    @Test
    void migrating_again_changes_nothing_on_postgres() {
        try (TestPostgres.Schema schema = TestPostgres.newSchema()) {
            assertTrue(DatabaseMigrations.migrate(schema.dataSource(), RoomId.GENERAL) > 0);
            assertEquals(0, DatabaseMigrations.migrate(schema.dataSource(), RoomId.GENERAL));
        }
    }

    @Test
    void rooms_move_existing_messages_to_the_default_room_and_fill_the_summaries_on_postgres() throws SQLException {
        try (TestPostgres.Schema schema = TestPostgres.newSchema()) {
            movesExistingMessagesToTheDefaultRoom(schema.dataSource(), SQLDialect.POSTGRES);
        }
    }

    @Test
    void rooms_move_existing_messages_to_the_default_room_and_fill_the_summaries_on_h2() throws SQLException {
        JdbcDataSource dataSource = h2();
        try (Connection keepOpen = dataSource.getConnection()) {
            movesExistingMessagesToTheDefaultRoom(dataSource, SQLDialect.H2);
        }
    }

    private static void movesExistingMessagesToTheDefaultRoom(DataSource dataSource, SQLDialect dialect)
            throws SQLException {
        Flyway.configure()
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .target("2")
                .load()
                .migrate();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("""
                    insert into messages (sequence, text, created_at) values
                      (1, 'first', timestamp with time zone '2025-01-01 10:00:00.000001+00'),
                      (2, 'second', timestamp with time zone '2025-01-01 10:00:01+00'),
                      (3, 'third', timestamp with time zone '2025-01-01 10:00:02.5+00')""");
        }
        RoomId lobby = RoomId.of("lobby");

        assertEquals(2, DatabaseMigrations.migrate(dataSource, lobby), "V3 (rooms) and V4 (scoped keys)");

        JooqMessageStore store = new JooqMessageStore(dataSource, dialect);
        List<Message> moved = store.readPage(lobby, new HistoryPage.Newest(10));
        assertEquals(
                List.of("first", "second", "third"),
                moved.stream().map(Message::text).toList());
        assertTrue(moved.stream().allMatch(m -> m.room().equals(lobby) && m.author() == null), moved.toString());
        assertEquals(
                List.of(new RoomSummary(lobby, 3, moved.getLast().id(), Instant.parse("2025-01-01T10:00:02.500Z"))),
                store.listRooms(new RoomListing("", 10)));
        // The writer carries on from the moved rows: the summary grows, the default room was only for them.
        Message next = store.append(List.of(Submission.of(new NewMessage(lobby, null, 4, "fourth"))), T0)
                .getFirst()
                .message();
        assertEquals(List.of(new RoomSummary(lobby, 4, next.id(), T0)), store.listRooms(new RoomListing("", 10)));
    }

    /** The store's reads as it issues them, with the values a test database of many rooms gives a planner. */
    private static final String RANGE = """
            select * from messages
            where room = 'room-7' and created_at between timestamp with time zone '2025-02-01 12:00:05+00'
                                                     and timestamp with time zone '2025-02-01 12:00:10+00'
            order by room, created_at, id""";

    private static final String NEWEST = """
            select * from messages where room = 'room-7' order by room desc, id desc fetch first 50 rows only""";
    private static final String BEFORE = """
            select * from messages where room = 'room-7' and id < 95000
            order by room desc, id desc fetch first 50 rows only""";
    private static final String AFTER = """
            select * from messages where room = 'room-7' and id > 5000 order by room, id fetch first 50 rows only""";
    private static final String ALL_AFTER = """
            select * from messages where id > 5000 order by id fetch first 50 rows only""";
    private static final String LIST_ROOMS = """
            select * from rooms order by last_id desc fetch first 50 rows only""";
    /** Catch-up over a set of rooms on PostgreSQL: one statement. */
    private static final String SOME_AFTER_POSTGRES = """
            select * from (
                (select * from messages where room = 'room-1' and id > 5000 order by id limit 50)
                union all
                (select * from messages where room = 'room-2' and id > 5000 order by id limit 50)
                union all
                (select * from messages where room = 'room-3' and id > 5000 order by id limit 50)
            ) caught_up order by caught_up.id limit 50""";
    /** Catch-up over a set of rooms on H2: this per room, merged by id in Java. */
    private static final String ONE_OF_SOME_AFTER_H2 = """
            select * from messages where room = 'room-1' and id > 5000 and id <= 25000
            order by room, id fetch first 50 rows only""";

    @Test
    void every_read_is_an_index_range_without_a_sort_on_postgres() throws SQLException {
        try (TestPostgres.Schema schema = TestPostgres.newSchema();
                Connection connection = schema.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            DatabaseMigrations.migrate(schema.dataSource(), RoomId.GENERAL);
            fill(new JooqMessageStore(schema.dataSource(), SQLDialect.POSTGRES));
            statement.execute("analyze messages");
            statement.execute("vacuum analyze rooms"); // as autovacuum would: every batch updates its rooms' rows

            Predicate<String> noSort = plan -> !SORT_NODE.matcher(plan).find();
            assertAll(
                    () -> {
                        // As JooqMessageStore.readRange streams it: in its own transaction, sorting disabled (for a
                        // wide range the planner would rather sort everything before the first row goes out).
                        connection.setAutoCommit(false);
                        statement.execute("set local enable_sort = off");
                        try {
                            assertPlan(statement, RANGE, "Index Scan using messages_room_created_at_id_idx", noSort);
                        } finally {
                            connection.commit();
                            connection.setAutoCommit(true);
                        }
                    },
                    () -> assertPlan(statement, NEWEST, "Index Scan Backward using messages_room_id_idx", noSort),
                    () -> assertPlan(statement, BEFORE, "Index Scan Backward using messages_room_id_idx", noSort),
                    () -> assertPlan(statement, AFTER, "Index Scan using messages_room_id_idx", noSort),
                    () -> assertPlan(statement, ALL_AFTER, "Index Scan using messages_pkey", noSort),
                    () -> assertPlan(statement, SOME_AFTER_POSTGRES, "Merge Append", noSort),
                    () -> assertPlan(statement, SOME_AFTER_POSTGRES, "Index Scan using messages_room_id_idx", noSort),
                    () -> assertPlan(statement, LIST_ROOMS, "Index Scan using rooms_last_id_idx", noSort));
        }
    }

    @Test
    void every_read_is_an_index_range_without_a_sort_on_h2() throws SQLException {
        JdbcDataSource dataSource = h2();
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            DatabaseMigrations.migrate(dataSource, RoomId.GENERAL);
            fill(new JooqMessageStore(dataSource, SQLDialect.H2));

            // H2 says "index sorted" when the index order serves the ORDER BY, and the index in a comment.
            Predicate<String> noSort = plan -> plan.contains("/* index sorted */");
            assertAll(
                    () -> assertPlan(statement, RANGE, "messages_room_created_at_id_idx: room = 'room-7'", noSort),
                    () -> assertPlan(statement, NEWEST, "messages_room_id_idx: room = 'room-7'", noSort),
                    () -> assertPlan(statement, BEFORE, "messages_room_id_idx: room = 'room-7'", noSort),
                    () -> assertPlan(statement, AFTER, "messages_room_id_idx: room = 'room-7'", noSort),
                    () -> assertPlan(statement, ALL_AFTER, "PRIMARY_KEY", noSort),
                    () -> assertPlan(
                            statement,
                            ONE_OF_SOME_AFTER_H2,
                            "messages_room_id_idx: id <= CAST(25000 AS BIGINT)",
                            noSort),
                    () -> assertPlan(statement, LIST_ROOMS, "rooms_last_id_idx", noSort));
        }
    }

    /**
     * Many rooms, each with more messages than a page (a page of 50 from a room of 30 is cheaper read whole and
     * sorted, and PostgreSQL rightly plans it so), each message of a room in a different batch, as a busy server
     * writes them: no room's rows lie together on disk, and no room is a large part of the table.
     */
    private static void fill(JooqMessageStore store) {
        for (int round = 0; round < MESSAGES_PER_ROOM; round++) {
            int r = round;
            List<Submission> batch = IntStream.range(0, ROOMS)
                    .mapToObj(room -> Submission.of(
                            new NewMessage(RoomId.of("room-" + room), null, r, "message " + r + " of room " + room)))
                    .toList();
            store.append(batch, T0.plusSeconds(round));
        }
    }

    private static void assertPlan(Statement statement, String query, String expected, Predicate<String> noSort)
            throws SQLException {
        String plan = explain(statement, query);
        assertTrue(plan.contains(expected), () -> "expected " + expected + " in the plan of\n" + query + "\n" + plan);
        assertTrue(noSort.test(plan), () -> "a sort step in the plan of\n" + query + "\n" + plan);
        assertFalse(plan.contains("Seq Scan"), () -> "a full scan in the plan of\n" + query + "\n" + plan);
    }

    @Test
    void messages_survive_closing_and_reopening_the_embedded_database() throws IOException {
        Instant at = Instant.parse("2025-02-01T12:00:00.654321Z");
        Message stored = withEmbeddedStore(store -> store.append(
                        List.of(Submission.of(new NewMessage(RoomId.GENERAL, null, 7, "still here"))), at)
                .getFirst()
                .message());

        List<Message> reread = withEmbeddedStore(store -> {
            List<Message> all = new ArrayList<>();
            store.readRange(RoomId.GENERAL, new TimeRange(at, at), all::add);
            return all;
        });

        assertEquals(List.of(stored), reread);
    }

    private interface StoreWork<T> {
        T apply(JooqMessageStore store) throws IOException;
    }

    /** Opens the embedded database, migrates, works, and closes it again (the last connection closes the file). */
    private <T> T withEmbeddedStore(StoreWork<T> work) throws IOException {
        JdbcDataSource dataSource = h2();
        try (Connection keepOpen = dataSource.getConnection()) {
            DatabaseMigrations.migrate(dataSource, RoomId.GENERAL);
            return work.apply(new JooqMessageStore(dataSource, SQLDialect.H2));
        } catch (SQLException e) {
            throw new IOException(e);
        }
    }

    private JdbcDataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(EmbeddedH2.jdbcUrl(directory));
        return dataSource;
    }

    private static String explain(Statement statement, String query) throws SQLException {
        StringBuilder plan = new StringBuilder();
        try (ResultSet rows = statement.executeQuery("explain " + query)) {
            while (rows.next()) {
                plan.append(rows.getString(1)).append('\n');
            }
        }
        return plan.toString();
    }
}
