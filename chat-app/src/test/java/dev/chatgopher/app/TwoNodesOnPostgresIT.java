package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.persistence.jooq.PostgresSchema;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.WsClient;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Two assembled servers on one PostgreSQL schema, as two nodes behind a load balancer: with the default feed a
 * WebSocket client on either receives every message sent to both; with {@code CHAT_FEED=local} each node keeps to
 * its own.
 */
class TwoNodesOnPostgresIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SENDERS = 4;
    private static final int POSTS_EACH = 150;

    @RegisterExtension
    static final PostgresSchema POSTGRES = new PostgresSchema();

    @Test
    void clients_on_either_node_receive_every_message_sent_to_both_in_one_increasing_order() throws Exception {
        Map<String, String> environment = Map.of("DB_URL", POSTGRES.jdbcUrl());
        try (ChatApplication first = TestApplications.start(environment, 0);
                ChatApplication second = TestApplications.start(environment, 0)) {
            List<Http> nodes = List.of(Http.onPort(first.port()), Http.onPort(second.port()));
            List<WsClient> clients = new ArrayList<>();
            for (Http node : nodes) {
                clients.add(WsClient.connect(node.webSocketUri("/ws")));
                clients.add(WsClient.connect(node.webSocketUri("/ws")));
            }
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            ExecutorService threads = Executors.newFixedThreadPool(SENDERS);
            try {
                List<Future<?>> senders = new ArrayList<>();
                for (int s = 0; s < SENDERS; s++) {
                    int sender = s;
                    senders.add(threads.submit(() -> {
                        for (int i = 0; i < POSTS_EACH; i++) {
                            // Every sender alternates between the nodes, so both commit all the time.
                            acknowledged.add(idOf(nodes.get((sender + i) % nodes.size())
                                    .postJson("{\"sequence\": " + i + ", \"text\": \"sender " + sender + "\"}")));
                        }
                        return null;
                    }));
                }
                for (Future<?> sender : senders) {
                    sender.get();
                }
            } finally {
                threads.shutdown();
            }

            assertEquals(SENDERS * POSTS_EACH, acknowledged.size());
            for (WsClient client : clients) {
                List<Long> ids = new ArrayList<>();
                for (String frame : client.next(acknowledged.size())) {
                    ids.add(JSON.readTree(frame).get("id").asLong());
                }
                for (int i = 1; i < ids.size(); i++) {
                    assertTrue(ids.get(i) > ids.get(i - 1), "out of order: " + ids.get(i - 1) + " then " + ids.get(i));
                }
                assertEquals(new TreeSet<>(acknowledged), new TreeSet<>(ids));
                client.close();
            }
            double newest =
                    acknowledged.stream().mapToLong(Long::longValue).max().orElseThrow();
            for (Http node : nodes) {
                String metrics = node.get("/metrics").body();
                assertEquals(1.0, sample(metrics, "chat_feed_listener_connected"), metrics);
                assertEquals(newest, sample(metrics, "chat_feed_last_delivered_id"), metrics);
            }
        }
    }

    /** The value of a metric without labels in the Prometheus text format. */
    private static double sample(String metrics, String name) {
        return metrics.lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1)))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no sample of " + name));
    }

    @Test
    void with_the_local_feed_a_node_delivers_only_its_own_messages() throws Exception {
        Map<String, String> environment = Map.of("DB_URL", POSTGRES.jdbcUrl(), "CHAT_FEED", "local");
        try (ChatApplication first = TestApplications.start(environment, 0);
                ChatApplication second = TestApplications.start(environment, 0);
                WsClient onSecond = WsClient.connect(Http.onPort(second.port()).webSocketUri("/ws"))) {
            idOf(Http.onPort(first.port()).postJson("{\"text\": \"to the first node\"}"));
            long own = idOf(Http.onPort(second.port()).postJson("{\"text\": \"to the second node\"}"));

            // The first node's message committed first; had it crossed over, it would arrive first.
            assertEquals(own, JSON.readTree(onSecond.next()).get("id").asLong());
        }
    }

    private static long idOf(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("id").asLong();
    }
}
