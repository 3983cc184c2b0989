package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.WsClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/**
 * The delivery guarantees of the assembled application on a real database: one total order seen by every
 * client, gap-free resume, idempotent sends across a restart. Extended once per database.
 */
abstract class DeliveryContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Environment variables that point the application at the database under test. */
    protected abstract Map<String, String> databaseEnvironment();

    /** Counts of the last run, for the closing note: printed, asserted below. */
    private static void report(String what, Object... values) {
        System.out.printf("[delivery] " + what + "%n", values);
    }

    private ChatApplication start() {
        return TestApplications.start(databaseEnvironment(), 0);
    }

    @Test
    void concurrent_senders_are_seen_by_every_client_in_one_increasing_order() throws Exception {
        int httpSenders = 8;
        int postsEach = 150;
        int socketSenders = 2;
        int framesEach = 100;
        try (ChatApplication app = start()) {
            Http http = Http.onPort(app.port());
            List<WsClient> clients = new ArrayList<>();
            for (int i = 0; i < 3 + socketSenders; i++) {
                clients.add(WsClient.connect(http.webSocketUri("/ws")));
            }
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            ExecutorService threads = Executors.newFixedThreadPool(httpSenders + socketSenders);
            List<Future<?>> work = new ArrayList<>();
            for (int s = 0; s < httpSenders; s++) {
                int sender = s;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < postsEach; i++) {
                        HttpResponse<String> response =
                                http.postJson("{\"sequence\": " + i + ", \"text\": \"http-" + sender + "-" + i + "\"}");
                        assertEquals(200, response.statusCode(), response.body());
                        acknowledged.add(
                                JSON.readTree(response.body()).get("id").asLong());
                    }
                    return null;
                }));
            }
            for (int s = 0; s < socketSenders; s++) {
                WsClient sender = clients.get(3 + s);
                int senderNumber = s;
                work.add(threads.submit(() -> {
                    for (int i = 0; i < framesEach; i++) {
                        sender.sendText("{\"sequence\": " + i + ", \"text\": \"ws-" + senderNumber + "-" + i + "\"}");
                    }
                    return null;
                }));
            }
            for (Future<?> done : work) {
                done.get();
            }
            threads.shutdown();

            int total = httpSenders * postsEach + socketSenders * framesEach;
            List<Long> reference = null;
            Set<Long> fromSockets = new HashSet<>();
            for (WsClient client : clients) {
                List<JsonNode> frames = new ArrayList<>();
                for (String frame : client.next(total)) {
                    frames.add(JSON.readTree(frame));
                }
                List<Long> ids =
                        frames.stream().map(frame -> frame.get("id").asLong()).toList();
                assertStrictlyIncreasing(ids);
                if (reference == null) {
                    reference = ids;
                    frames.stream()
                            .filter(frame -> frame.get("text").asText().startsWith("ws-"))
                            .forEach(frame -> fromSockets.add(frame.get("id").asLong()));
                } else {
                    assertEquals(reference, ids, "every client sees the same ids in the same order");
                }
                client.close();
            }
            Set<Long> expected = new HashSet<>(acknowledged);
            expected.addAll(fromSockets);
            assertEquals(httpSenders * postsEach, acknowledged.size());
            assertEquals(socketSenders * framesEach, fromSockets.size());
            assertEquals(expected, new HashSet<>(reference));
            report(
                    "%s: %d clients each received %d messages (%d acknowledged over HTTP, %d sent over WebSocket) in one strictly increasing order",
                    getClass().getSimpleName(),
                    clients.size(),
                    reference.size(),
                    acknowledged.size(),
                    fromSockets.size());
        }
    }

    @Test
    void a_client_that_keeps_reconnecting_with_after_ends_with_exactly_the_acknowledged_messages() throws Exception {
        int senders = 4;
        int postsEach = 250;
        try (ChatApplication app = start()) {
            Http http = Http.onPort(app.port());
            long start = JSON.readTree(
                            http.postJson("{\"text\": \"starting point\"}").body())
                    .get("id")
                    .asLong();
            Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
            ExecutorService threads = Executors.newFixedThreadPool(senders);
            List<Future<?>> work = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                work.add(threads.submit(() -> {
                    for (int i = 0; i < postsEach; i++) {
                        acknowledged.add(
                                JSON.readTree(http.postJson("{\"sequence\": " + i + ", \"text\": \"resume test\"}")
                                                .body())
                                        .get("id")
                                        .asLong());
                    }
                    return null;
                }));
            }

            List<Long> received = new ArrayList<>();
            long last = start;
            int connections = 0;
            while (received.size() < senders * postsEach) {
                connections++;
                try (WsClient client = WsClient.connect(http.webSocketUri("/ws?after=" + last))) {
                    int readThisTime = Math.min(
                            ThreadLocalRandom.current().nextInt(20, 150), senders * postsEach - received.size());
                    for (int i = 0; i < readThisTime; i++) {
                        String frame = client.poll(Duration.ofSeconds(10));
                        if (frame == null) {
                            break;
                        }
                        last = JSON.readTree(frame).get("id").asLong();
                        received.add(last);
                    }
                }
            }
            for (Future<?> done : work) {
                done.get();
            }
            threads.shutdown();

            assertStrictlyIncreasing(received);
            assertEquals(acknowledged, new HashSet<>(received), "no gap and nothing extra after reconnecting");
            assertTrue(connections > 5, "the client reconnected " + connections + " times");
            report(
                    "%s: reconnected %d times with after=, received %d messages, acknowledged %d, no gap, no duplicate",
                    getClass().getSimpleName(), connections, received.size(), acknowledged.size());
        }
    }

    @Test
    void an_idempotency_key_is_remembered_across_a_restart() throws Exception {
        String key = "restart-" + System.nanoTime();
        long firstId;
        try (ChatApplication app = start()) {
            firstId = JSON.readTree(Http.onPort(app.port())
                            .postJson("{\"sequence\": 1, \"text\": \"once\"}", key)
                            .body())
                    .get("id")
                    .asLong();
        }
        try (ChatApplication restarted = start()) {
            Http http = Http.onPort(restarted.port());

            HttpResponse<String> retried = http.postJson("{\"sequence\": 1, \"text\": \"once\"}", key);
            HttpResponse<String> reused = http.postJson("{\"sequence\": 1, \"text\": \"twice\"}", key);

            assertEquals(200, retried.statusCode());
            assertEquals(firstId, JSON.readTree(retried.body()).get("id").asLong());
            assertEquals(422, reused.statusCode());
        }
    }

    private static void assertStrictlyIncreasing(List<Long> ids) {
        for (int i = 1; i < ids.size(); i++) {
            if (ids.get(i) <= ids.get(i - 1)) {
                throw new AssertionError("id " + ids.get(i) + " after " + ids.get(i - 1) + " at position " + i);
            }
        }
    }
}
