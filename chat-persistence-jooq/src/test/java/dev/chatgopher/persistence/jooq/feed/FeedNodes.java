package dev.chatgopher.persistence.jooq.feed;

import com.zaxxer.hikari.HikariDataSource;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.service.ChatCore;
import dev.chatgopher.domain.service.WriterSettings;
import dev.chatgopher.persistence.jooq.JooqMessageStore;
import dev.chatgopher.persistence.jooq.PostgresSchema;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jooq.SQLDialect;

/**
 * Several nodes in one JVM on one schema, each as the app assembles one: its own connections, store with the
 * schema's channel, {@link PostgresMessageFeed} and {@link ChatCore}, and a listener recording every id delivered.
 * Each node's listening connection has an application name unique to this set, so a test can end exactly those.
 */
final class FeedNodes implements AutoCloseable {

    /** Long enough that no send is answered "outcome unknown" on a busy machine: every send is acknowledged. */
    private static final WriterSettings PATIENT_WRITER =
            new WriterSettings(10_000, 256, Duration.ofHours(24), Duration.ofSeconds(30));

    final String applicationNamePrefix;
    final List<Node> nodes = new ArrayList<>();

    FeedNodes(PostgresSchema schema, String label, int count) {
        this.applicationNamePrefix =
                "chat-gopher-feed-" + label + "-" + ProcessHandle.current().pid();
        try {
            for (int i = 0; i < count; i++) {
                nodes.add(new Node(schema, applicationNamePrefix + "-" + i));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** One node: its feed, its core, and the ids its feed delivered, in delivery order. */
    static final class Node implements AutoCloseable {
        private final HikariDataSource pool = new HikariDataSource();
        final PostgresMessageFeed feed;
        final ChatCore core;
        private final List<Long> delivered = new ArrayList<>();

        Node(PostgresSchema schema, String applicationName) {
            pool.setJdbcUrl(schema.jdbcUrl());
            pool.setMaximumPoolSize(4);
            FeedChannel channel = FeedChannel.ofCurrentSchema(pool);
            JooqMessageStore store = new JooqMessageStore(pool, SQLDialect.POSTGRES, channel.name());
            Properties listening = new Properties();
            listening.setProperty("ApplicationName", applicationName);
            listening.setProperty("socketTimeout", "5");
            feed = PostgresMessageFeed.start(
                    store, channel, () -> DriverManager.getConnection(schema.jdbcUrl(), listening));
            feed.subscribe(this::record);
            core = ChatCore.over(store)
                    .feed(feed)
                    .writerSettings(PATIENT_WRITER)
                    .start();
        }

        private synchronized void record(List<Message> batch) {
            for (Message message : batch) {
                delivered.add(message.id());
            }
        }

        synchronized List<Long> delivered() {
            return List.copyOf(delivered);
        }

        synchronized int deliveredCount() {
            return delivered.size();
        }

        @Override
        public void close() {
            // As the app does: the writer first, which publishes until its last commit, then the feed.
            try {
                core.close();
            } finally {
                feed.close();
                pool.close();
            }
        }
    }

    @Override
    public void close() {
        for (Node node : nodes) {
            node.close();
        }
    }
}
