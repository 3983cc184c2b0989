package dev.chatgopher.persistence.jooq;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
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
import org.h2.jdbcx.JdbcDataSource;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseMigrationsIT {

    @TempDir
    Path directory;

    @Test
    void migrating_again_changes_nothing_on_postgres() {
        try (TestPostgres.Schema schema = TestPostgres.newSchema()) {
            assertTrue(DatabaseMigrations.migrate(schema.dataSource()) > 0);
            assertEquals(0, DatabaseMigrations.migrate(schema.dataSource()));
        }
    }

    @Test
    void the_history_query_is_served_by_the_index_without_a_sort_on_postgres() throws SQLException {
        try (TestPostgres.Schema schema = TestPostgres.newSchema();
                Connection connection = schema.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            DatabaseMigrations.migrate(schema.dataSource());
            // A tiny table is cheaper to scan whole; forbid the alternatives to see what the index can do.
            statement.execute("set enable_seqscan = off");
            statement.execute("set enable_bitmapscan = off");
            String plan = explain(statement, """
                    select * from messages
                    where created_at between timestamptz '2025-02-01 00:00:00Z' and timestamptz '2025-02-10 23:59:59Z'
                    order by created_at, id""");

            assertTrue(plan.contains("Index Scan using messages_created_at_id_idx"), plan);
            assertFalse(plan.contains("Sort"), plan);
        }
    }

    @Test
    void messages_survive_closing_and_reopening_the_embedded_database() throws IOException {
        Instant at = Instant.parse("2025-02-01T12:00:00.654321Z");
        Message stored =
                withEmbeddedStore(store -> store.append(List.of(Submission.of(new NewMessage(7, "still here"))), at)
                        .getFirst()
                        .message());

        List<Message> reread = withEmbeddedStore(store -> {
            List<Message> all = new ArrayList<>();
            store.readRange(new TimeRange(at, at), all::add);
            return all;
        });

        assertEquals(List.of(stored), reread);
    }

    private interface StoreWork<T> {
        T apply(JooqMessageStore store) throws IOException;
    }

    /** Opens the embedded database, migrates, works, and closes it again (the last connection closes the file). */
    private <T> T withEmbeddedStore(StoreWork<T> work) throws IOException {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL(EmbeddedH2.jdbcUrl(directory));
        try (Connection keepOpen = dataSource.getConnection()) {
            DatabaseMigrations.migrate(dataSource);
            return work.apply(new JooqMessageStore(dataSource, SQLDialect.H2));
        } catch (SQLException e) {
            throw new IOException(e);
        }
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
