package dev.chatgopher.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.WsClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The assembled application, started by the same code as {@code main}, used as a client would: send over
 * HTTP, receive over WebSocket, read history, restart, read again. Extended once per database.
 */
abstract class AssembledAppContract {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Environment variables that point the application at the database under test. */
    protected abstract Map<String, String> databaseEnvironment();

    private ChatApplication start() {
        return TestApplications.start(databaseEnvironment(), 0);
    }

    @Test
    void sends_delivers_stores_and_remembers_across_a_restart() throws Exception {
        Instant before = Instant.now().minusSeconds(1);
        JsonNode sent;
        try (ChatApplication app = start();
                WsClient listener = WsClient.connect(Http.onPort(app.port()).webSocketUri("/ws"))) {
            Http http = Http.onPort(app.port());

            HttpResponse<String> posted =
                    http.postJson("{\"sequence\": 42, \"text\": \"Привет из \uD83D\uDE80 теста\"}");

            assertEquals(200, posted.statusCode(), posted.body());
            assertEquals(posted.body(), listener.next());
            sent = JSON.readTree(posted.body());
            assertEquals(42, sent.get("sequence").asLong());
            assertTrue(sent.get("created_at").asText().endsWith("Z"));
        }

        try (ChatApplication restarted = start()) {
            Http http = Http.onPort(restarted.port());
            HttpResponse<String> history = http.history(
                    before.toString(), Instant.now().plus(Duration.ofSeconds(1)).toString());

            assertEquals(200, history.statusCode());
            JsonNode messages = JSON.readTree(history.body());
            assertEquals(sent, messages.get(messages.size() - 1));
        }
    }

    @Test
    void health_names_every_check_and_is_ready_with_the_database_up() throws Exception {
        try (ChatApplication app = start()) {
            Http http = Http.onPort(app.port());

            HttpResponse<String> live = http.get("/health/live");
            HttpResponse<String> ready = http.get("/health/ready");

            assertEquals(200, live.statusCode(), live.body());
            assertEquals("up", JSON.readTree(live.body()).get("status").asText());
            assertEquals(200, ready.statusCode(), ready.body());
            JsonNode checks = JSON.readTree(ready.body());
            for (String name : new String[] {"database", "migrations", "draining"}) {
                assertEquals(
                        "up", DrainIT.checkNamed(checks, name).get("status").asText(), ready.body());
            }
        }
    }

    @Test
    void metrics_name_requests_websocket_closes_the_pool_the_writer_and_the_database() throws Exception {
        try (ChatApplication app = start()) {
            Http http = Http.onPort(app.port());
            assertEquals(
                    200,
                    http.postJson("{\"sequence\": 1, \"text\": \"counted\"}").statusCode());
            assertEquals(404, http.get("/no/such/path").statusCode());
            WsClient client = WsClient.connect(http.webSocketUri("/ws"));
            client.socket().sendClose(1000, "done").join();
            assertEquals(1000, client.awaitClose().code());

            String closes = "chat_websocket_closes_total{by=\"client\",code=\"1000\"}";
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            String scrape = http.get("/metrics").body();
            while (!scrape.contains(closes) && System.nanoTime() < deadline) {
                Thread.sleep(50);
                scrape = http.get("/metrics").body();
            }

            for (String series : new String[] {
                "chat_http_requests_total{method=\"POST\",route=\"/api/messages\",status=\"200\"} 1.0",
                "chat_http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1.0",
                closes + " 1.0",
                "chat_database_available 1.0",
                "chat_writer_deadline_answers_total{outcome=\"not_stored\"} 0.0",
                "chat_writer_deadline_answers_total{outcome=\"unknown\"} 0.0",
                "chat_writer_messages_total 1.0",
                "chat_writer_waiting 0.0",
                "chat_delivery_lag_seconds_count",
                "hikaricp_connections_max{pool=\"chat-db\"}",
                "hikaricp_connections_timeout_total{pool=\"chat-db\"} 0.0"
            }) {
                assertTrue(scrape.contains(series), series + " is not in the scrape:\n" + scrape);
            }
        }
    }

    @Test
    void refuses_bad_input_without_storing_it() throws Exception {
        try (ChatApplication app = start()) {
            Http http = Http.onPort(app.port());
            String everything = "/api/messages?from=2000-01-01T00:00:00Z&to=2100-01-01T00:00:00Z";
            String before = http.get(everything).body();

            HttpResponse<String> refused = http.postJson("{\"text\": \"" + "x".repeat(129) + "\"}");

            assertEquals(400, refused.statusCode());
            assertEquals("text must be 1 to 128 characters long, got 129", Http.errorMessage(refused));
            assertEquals(before, http.get(everything).body());
        }
    }

    @Test
    void rooms_keep_their_own_messages_across_a_restart_and_the_original_endpoints_use_the_default_room()
            throws Exception {
        String tag = Long.toString(System.nanoTime(), 36);
        String lobby = "lobby-" + tag;
        String team = "team-" + tag;
        Map<String, String> environment = new java.util.HashMap<>(databaseEnvironment());
        environment.put("CHAT_ROOMS_DEFAULT", lobby);
        JsonNode toLobby;
        JsonNode toTeam;
        try (ChatApplication app = TestApplications.start(environment, 0);
                WsClient lobbyListener =
                        WsClient.connect(Http.onPort(app.port()).webSocketUri("/ws"));
                WsClient teamListener = WsClient.connect(Http.onPort(app.port()).webSocketUri("/ws?rooms=" + team))) {
            Http http = Http.onPort(app.port());

            HttpResponse<String> original = http.postJson("{\"sequence\": 1, \"text\": \"to the default room\"}");
            HttpResponse<String> roomed =
                    http.send(java.net.http.HttpRequest.newBuilder(http.uri("/api/rooms/" + team + "/messages"))
                            .header("Content-Type", "application/json")
                            .POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "{\"sequence\": 2, \"text\": \"to the team\", \"author\": \"Zoë 🚀\"}"))
                            .build());

            assertEquals(200, original.statusCode(), original.body());
            assertEquals(200, roomed.statusCode(), roomed.body());
            toLobby = JSON.readTree(original.body());
            toTeam = JSON.readTree(roomed.body());
            assertEquals(lobby, toLobby.get("room").asText());
            assertTrue(toLobby.get("author").isNull(), original.body());
            assertEquals(team, toTeam.get("room").asText());
            assertEquals("Zoë 🚀", toTeam.get("author").asText());
            assertEquals(original.body(), lobbyListener.next());
            assertEquals(roomed.body(), teamListener.next());
            assertEquals(null, lobbyListener.poll(Duration.ofMillis(300)), "the default room saw the team's message");
        }

        try (ChatApplication restarted = TestApplications.start(environment, 0)) {
            Http http = Http.onPort(restarted.port());
            JsonNode rooms =
                    JSON.readTree(http.get("/api/rooms?prefix=team-" + tag).body());
            JsonNode lobbyPage = JSON.readTree(
                    http.get("/api/rooms/" + lobby + "/messages?limit=10").body());

            assertEquals(1, rooms.size(), rooms.toString());
            assertEquals(team, rooms.get(0).get("room").asText());
            assertEquals(1, rooms.get(0).get("messages").asLong());
            assertEquals(toTeam.get("id").asLong(), rooms.get(0).get("last_id").asLong());
            assertEquals(List.of(toLobby), List.copyOf(lobbyPage.valueStream().toList()));
        }
    }
}
