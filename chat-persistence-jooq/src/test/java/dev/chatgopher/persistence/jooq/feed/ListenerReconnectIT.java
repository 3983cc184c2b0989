package dev.chatgopher.persistence.jooq.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatgopher.domain.model.Message;
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
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.jooq.SQLDialect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Notifications sent while the listening connection is away are lost; the feed must read what committed meanwhile
 * as soon as it listens again, with nothing else to wake it. The test holds the reconnect back until another writer
 * has committed.
 */
class ListenerReconnectIT {

    private static final Duration BOUND = Duration.ofSeconds(20);

    @RegisterExtension
    static final PostgresSchema POSTGRES = PostgresSchema.migrated();

    @Test
    void what_commits_while_the_listener_is_away_is_delivered_once_it_listens_again() throws Exception {
        FeedChannel channel = FeedChannel.ofCurrentSchema(POSTGRES.dataSource());
        JooqMessageStore store = new JooqMessageStore(POSTGRES.dataSource(), SQLDialect.POSTGRES, channel.name());
        String applicationName =
                "chat-gopher-feed-reconnect-" + ProcessHandle.current().pid();
        Properties listening = new Properties();
        listening.setProperty("ApplicationName", applicationName);
        AtomicInteger opened = new AtomicInteger();
        CountDownLatch mayReconnect = new CountDownLatch(1);
        ListenerConnections heldBack = () -> {
            if (opened.incrementAndGet() > 1) {
                try {
                    mayReconnect.await(BOUND.toSeconds(), TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    throw new SQLException("interrupted while held back", e);
                }
            }
            return DriverManager.getConnection(POSTGRES.jdbcUrl(), listening);
        };
        List<Long> delivered = new CopyOnWriteArrayList<>();
        try (PostgresMessageFeed feed = PostgresMessageFeed.start(store, channel, heldBack)) {
            feed.subscribe(batch -> batch.forEach(message -> delivered.add(message.id())));
            await().atMost(BOUND).until(feed::listenerConnected);

            terminate(applicationName);
            await().atMost(BOUND).until(() -> opened.get() == 2 && !feed.listenerConnected());
            // Another node commits: its notification reaches no one, and this node's writer publishes nothing.
            List<Long> committed = store.append(batch(5), Instant.now()).stream()
                    .map(Appended::message)
                    .map(Message::id)
                    .toList();
            assertEquals(List.of(), delivered);

            mayReconnect.countDown();
            await().atMost(BOUND).until(() -> delivered.size() >= committed.size());
            assertEquals(committed, delivered);
            assertEquals(1, feed.reconnects());
        }
    }

    private static List<Submission> batch(int size) {
        return IntStream.range(0, size)
                .mapToObj(i -> Submission.of(new NewMessage(RoomId.GENERAL, null, i, "while away " + i)))
                .toList();
    }

    private static void terminate(String applicationName) throws SQLException {
        try (Connection connection = POSTGRES.dataSource().getConnection();
                PreparedStatement terminate = connection.prepareStatement(
                        "select pg_terminate_backend(pid) from pg_stat_activity where application_name = ?")) {
            terminate.setString(1, applicationName);
            terminate.execute();
        }
    }
}
