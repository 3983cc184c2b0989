package dev.chatgopher.persistence.jooq.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.Submission;
import dev.chatgopher.persistence.jooq.JooqMessageStore;
import dev.chatgopher.persistence.jooq.PostgresSchema;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The NOTIFY that rides in the writer's insert: one per batch, carrying the batch's newest id, on both insert paths;
 * none from a store without a channel. Each check ends with a marker notification sent after the appends: PostgreSQL
 * delivers notifications in commit order, so everything before the marker is exactly what the appends sent.
 */
class NotifyOnInsertIT {

    @RegisterExtension
    static final PostgresSchema POSTGRES = PostgresSchema.migrated();

    private static FeedChannel channel;

    @BeforeAll
    static void channelOfTheSchema() {
        channel = FeedChannel.ofCurrentSchema(POSTGRES.dataSource());
    }

    @Test
    void a_batch_without_keys_notifies_once_with_its_newest_id() throws SQLException {
        JooqMessageStore store = new JooqMessageStore(POSTGRES.dataSource(), SQLDialect.POSTGRES, channel.name());
        try (Listening listening = new Listening()) {
            long first = newestOf(store.append(batch(3, false), Instant.now()));
            long second = newestOf(store.append(batch(1, false), Instant.now()));

            assertEquals(List.of(Long.toString(first), Long.toString(second)), listening.payloadsBeforeMarker());
        }
    }

    @Test
    void a_batch_with_keys_notifies_once_with_its_newest_id_and_a_pure_repeat_not_at_all() throws SQLException {
        JooqMessageStore store = new JooqMessageStore(POSTGRES.dataSource(), SQLDialect.POSTGRES, channel.name());
        try (Listening listening = new Listening()) {
            List<Submission> keyed = batch(4, true);
            long newest = newestOf(store.append(keyed, Instant.now()));
            store.append(keyed, Instant.now()); // every key known: nothing inserted

            assertEquals(List.of(Long.toString(newest)), listening.payloadsBeforeMarker());
        }
    }

    @Test
    void a_store_without_a_channel_notifies_no_one() throws SQLException {
        JooqMessageStore store = new JooqMessageStore(POSTGRES.dataSource(), SQLDialect.POSTGRES);
        try (Listening listening = new Listening()) {
            store.append(batch(3, false), Instant.now());
            store.append(batch(2, true), Instant.now());

            assertEquals(List.of(), listening.payloadsBeforeMarker());
        }
    }

    private static List<Submission> batch(int size, boolean keyed) {
        return IntStream.range(0, size)
                .mapToObj(i -> new Submission(
                        new NewMessage(RoomId.of("room" + (i % 2)), null, i, "message " + i),
                        keyed ? new IdempotencyKey(UUID.randomUUID().toString()) : null))
                .toList();
    }

    private static long newestOf(List<Appended> appended) {
        return appended.stream().mapToLong(a -> a.message().id()).max().orElseThrow();
    }

    /** A connection listening on the channel, as a node's feed does. */
    private static final class Listening implements AutoCloseable {
        private final Connection connection;
        private final List<String> payloads = new ArrayList<>();

        Listening() throws SQLException {
            connection = DriverManager.getConnection(POSTGRES.jdbcUrl());
            try (Statement statement = connection.createStatement()) {
                statement.execute(channel.listenStatement());
            }
        }

        /** Sends a marker from another session and returns the payloads that arrived before it. */
        List<String> payloadsBeforeMarker() throws SQLException {
            String marker = "marker " + UUID.randomUUID();
            try (Connection other = POSTGRES.dataSource().getConnection();
                    PreparedStatement notify = other.prepareStatement("select pg_notify(?, ?)")) {
                notify.setString(1, channel.name());
                notify.setString(2, marker);
                notify.execute();
            }
            PGConnection pg = connection.unwrap(PGConnection.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                PGNotification[] arrived = pg.getNotifications(200);
                if (arrived != null) {
                    for (PGNotification notification : arrived) {
                        payloads.add(notification.getParameter());
                    }
                }
                return payloads.contains(marker);
            });
            return List.copyOf(payloads.subList(0, payloads.indexOf(marker)));
        }

        @Override
        public void close() throws SQLException {
            connection.close();
        }
    }
}
