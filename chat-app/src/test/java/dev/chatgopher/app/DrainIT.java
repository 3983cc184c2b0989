package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.WsClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What SIGTERM starts: readiness turns 503 at once, the server serves through the grace period, then drains. */
class DrainIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String EVERYTHING = "/api/messages?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";

    @TempDir
    Path dataDirectory;

    @Test
    void readiness_turns_503_at_once_sends_go_on_through_the_grace_and_every_acknowledged_one_is_stored()
            throws Exception {
        // A grace long enough that the test sees the server still serving after readiness changed.
        ChatApplication app = TestApplications.start(
                Map.of(
                        "CHAT_DATA_DIR",
                        dataDirectory.toString(),
                        "CHAT_SHUTDOWN_GRACE",
                        "3s",
                        "CHAT_SHUTDOWN_TIMEOUT",
                        "15s"),
                0);
        Http http = Http.onPort(app.port());
        WsClient listener = WsClient.connect(http.webSocketUri("/ws"));
        assertEquals(200, http.get("/health/ready").statusCode());
        List<Long> acknowledged = new CopyOnWriteArrayList<>();
        List<Integer> statuses = new CopyOnWriteArrayList<>();
        Thread sender = Thread.ofPlatform().start(() -> sendUntilRefused(http, acknowledged, statuses));

        Thread drain = Thread.ofPlatform().start(app::drain);

        // The drain runs on its own thread: readiness turns within moments of its start, well inside the grace.
        HttpResponse<String> ready = awaitNotReady(http, drain);
        assertEquals(503, ready.statusCode(), ready.body());
        JsonNode draining = checkNamed(JSON.readTree(ready.body()), "draining");
        assertEquals("down", draining.get("status").asText());
        assertEquals(200, http.get("/health/live").statusCode());
        assertEquals(
                200,
                http.postJson("{\"sequence\": 1, \"text\": \"during the grace\"}")
                        .statusCode());
        assertEquals(1001, listener.awaitClose().code());
        drain.join(TimeUnit.SECONDS.toMillis(20));
        assertFalse(drain.isAlive(), "the drain did not end within 20 s");
        sender.join(TimeUnit.SECONDS.toMillis(20));

        assertTrue(acknowledged.size() > 0, "no send was acknowledged before the drain");
        assertTrue(statuses.stream().allMatch(status -> status == 200 || status == 503), "answers: " + statuses);
        try (ChatApplication restarted = TestApplications.start(Map.of("CHAT_DATA_DIR", dataDirectory.toString()), 0)) {
            Set<Long> stored = new HashSet<>();
            JSON.readTree(Http.onPort(restarted.port()).get(EVERYTHING).body())
                    .forEach(message -> stored.add(message.get("id").asLong()));
            assertTrue(
                    stored.containsAll(acknowledged),
                    "acknowledged but not stored: "
                            + acknowledged.stream()
                                    .filter(id -> !stored.contains(id))
                                    .toList());
        }
    }

    /** Posts one message after the other until the server answers 503 or stops answering at all. */
    private static void sendUntilRefused(Http http, List<Long> acknowledged, List<Integer> statuses) {
        for (int i = 0; ; i++) {
            HttpResponse<String> answer;
            try {
                answer = http.postJson("{\"sequence\": " + i + ", \"text\": \"drain " + i + "\"}");
            } catch (AssertionError connectionRefused) {
                return;
            }
            statuses.add(answer.statusCode());
            if (answer.statusCode() != 200) {
                return;
            }
            try {
                acknowledged.add(JSON.readTree(answer.body()).get("id").asLong());
            } catch (Exception e) {
                throw new AssertionError("not a message: " + answer.body(), e);
            }
        }
    }

    static JsonNode checkNamed(JsonNode health, String name) {
        for (JsonNode check : health.get("checks")) {
            if (check.get("name").asText().equals(name)) {
                return check;
            }
        }
        throw new AssertionError("no check named " + name + " in " + health);
    }

    /** Readiness as soon as it is 503, or the last answer when it did not turn within a second of the drain's start. */
    private static HttpResponse<String> awaitNotReady(Http http, Thread drain) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        HttpResponse<String> ready = http.get("/health/ready");
        while (ready.statusCode() == 200 && drain.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            ready = http.get("/health/ready");
        }
        return ready;
    }
}
