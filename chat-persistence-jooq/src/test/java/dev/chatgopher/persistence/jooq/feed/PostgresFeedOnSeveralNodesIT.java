package dev.chatgopher.persistence.jooq.feed;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.persistence.jooq.PostgresSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Several nodes share one PostgreSQL, each with its own writer and {@link PostgresMessageFeed}, and senders on every
 * node at once: every node delivers every acknowledged message exactly once, in strictly increasing id order, also
 * when the listening connections are ended while the senders run.
 */
class PostgresFeedOnSeveralNodesIT {

    private static final int SENDERS_PER_NODE = 4;
    private static final int SENDS_PER_SENDER = 250;
    /** Sends a sender has in flight at once, so that batches of several messages form. */
    private static final int WINDOW = 8;

    private static final Duration DELIVERY_BOUND = Duration.ofSeconds(30);
    private static final List<RoomId> ROOMS = List.of(RoomId.of("a"), RoomId.of("b"), RoomId.of("c"));

    @RegisterExtension
    static final PostgresSchema POSTGRES = PostgresSchema.migrated();

    @Test
    void two_nodes_each_deliver_every_acknowledged_message_once_in_id_order() throws Exception {
        try (FeedNodes nodes = new FeedNodes(POSTGRES, "two", 2)) {
            Set<Long> acknowledged = sendOnEveryNode(nodes, () -> {});

            assertEveryNodeDeliveredExactly(nodes, acknowledged);
        }
    }

    @Test
    void three_nodes_each_deliver_every_acknowledged_message_once_in_id_order() throws Exception {
        try (FeedNodes nodes = new FeedNodes(POSTGRES, "three", 3)) {
            Set<Long> acknowledged = sendOnEveryNode(nodes, () -> {});

            assertEveryNodeDeliveredExactly(nodes, acknowledged);
        }
    }

    @Test
    void nodes_whose_listening_connections_are_ended_mid_run_recover_and_miss_nothing() throws Exception {
        try (FeedNodes nodes = new FeedNodes(POSTGRES, "kill", 3)) {
            Set<Long> acknowledged = sendOnEveryNode(nodes, () -> {
                // Mid-run: the senders are going, and every node listens and has delivered some already.
                await().atMost(DELIVERY_BOUND)
                        .until(() -> nodes.nodes.stream()
                                .allMatch(node -> node.feed.listenerConnected() && node.deliveredCount() > 50));
                assertEquals(nodes.nodes.size(), terminateListeners(nodes.applicationNamePrefix));
                await().atMost(DELIVERY_BOUND)
                        .until(() -> nodes.nodes.stream()
                                .allMatch(node -> node.feed.reconnects() >= 1 && node.feed.listenerConnected()));
            });

            assertEveryNodeDeliveredExactly(nodes, acknowledged);
            for (FeedNodes.Node node : nodes.nodes) {
                assertEquals(1, node.feed.reconnects());
            }
        }
    }

    /**
     * Runs the senders of every node to the end, with {@code meanwhile} run on the test thread while they send;
     * returns the ids of every acknowledged message (every send must be acknowledged).
     */
    private static Set<Long> sendOnEveryNode(FeedNodes nodes, ThrowingRunnable meanwhile) throws Exception {
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        ExecutorService senders = Executors.newFixedThreadPool(nodes.nodes.size() * SENDERS_PER_NODE);
        try {
            List<Future<?>> running = new ArrayList<>();
            for (int n = 0; n < nodes.nodes.size(); n++) {
                FeedNodes.Node node = nodes.nodes.get(n);
                for (int s = 0; s < SENDERS_PER_NODE; s++) {
                    String sender = "node " + n + " sender " + s;
                    running.add(senders.submit(() -> {
                        send(node, sender, acknowledged);
                        return null;
                    }));
                }
            }
            meanwhile.run();
            for (Future<?> sender : running) {
                sender.get();
            }
        } finally {
            senders.shutdownNow();
        }
        assertEquals(nodes.nodes.size() * SENDERS_PER_NODE * SENDS_PER_SENDER, acknowledged.size());
        return acknowledged;
    }

    private static void send(FeedNodes.Node node, String sender, Set<Long> acknowledged) {
        for (int sent = 0; sent < SENDS_PER_SENDER; sent += WINDOW) {
            List<CompletableFuture<Message>> window = new ArrayList<>();
            for (int i = sent; i < Math.min(SENDS_PER_SENDER, sent + WINDOW); i++) {
                window.add(node.core.send().send(new NewMessage(ROOMS.get(i % ROOMS.size()), null, i, sender)));
            }
            for (CompletableFuture<Message> answer : window) {
                acknowledged.add(answer.join().id());
            }
        }
    }

    private static void assertEveryNodeDeliveredExactly(FeedNodes nodes, Set<Long> acknowledged) {
        // Each node starts from the newest id at its start, so messages of earlier tests of this class are not
        // delivered: exactly this test's.
        for (FeedNodes.Node node : nodes.nodes) {
            await().atMost(DELIVERY_BOUND).until(() -> node.deliveredCount() >= acknowledged.size());
            List<Long> delivered = node.delivered();
            for (int i = 1; i < delivered.size(); i++) {
                assertTrue(
                        delivered.get(i) > delivered.get(i - 1),
                        "delivered out of order or twice: " + delivered.get(i - 1) + " then " + delivered.get(i));
            }
            assertEquals(new TreeSet<>(acknowledged), new TreeSet<>(delivered));
        }
    }

    /** Ends the listening connections of these nodes only; returns how many were ended. */
    private static int terminateListeners(String applicationNamePrefix) throws SQLException {
        try (Connection connection = POSTGRES.dataSource().getConnection();
                PreparedStatement terminate = connection.prepareStatement(
                        "select count(*) from (select pg_terminate_backend(pid) from pg_stat_activity"
                                + " where application_name like ? || '-%') ended")) {
            terminate.setString(1, applicationNamePrefix);
            try (ResultSet row = terminate.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }
}
