package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.transport.limits.Identity;
import dev.chatgopher.transport.limits.LimitSettings;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.WsClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Messages per identity, over HTTP and WebSocket together: one token bucket, 1 a second in bursts of 3 here. */
class MessageLimitsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REFUSAL = "too many messages: at most 1 a second, in bursts of up to 3; retry in ";

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat(InMemoryChat.with(
            EdgeSettings.DEFAULT.withLimits(LimitSettings.OFF.on().withMessages(1, 3))));

    @Test
    void posts_past_the_burst_get_429_with_retry_after_and_a_json_error_and_are_not_stored() {
        for (int i = 1; i <= 3; i++) {
            assertEquals(200, post("within the burst " + i).statusCode());
        }

        HttpResponse<String> refused = post("one too many");

        assertEquals(429, refused.statusCode());
        assertEquals("1", refused.headers().firstValue("Retry-After").orElseThrow());
        assertEquals(
                "application/json", refused.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(REFUSAL + "1 s", Http.errorMessage(refused));
        assertEquals(List.of("within the burst 1", "within the burst 2", "within the burst 3"), storedTexts());
    }

    @Test
    void after_waiting_as_told_a_post_goes_through_again() throws Exception {
        for (int i = 1; i <= 3; i++) {
            post("burst " + i);
        }
        HttpResponse<String> refused = post("too soon");
        long retryAfter =
                Long.parseLong(refused.headers().firstValue("Retry-After").orElseThrow());

        Thread.sleep(Duration.ofSeconds(retryAfter));

        assertEquals(200, post("after the wait").statusCode());
        assertEquals(List.of("burst 1", "burst 2", "burst 3", "after the wait"), storedTexts());
    }

    @Test
    void http_and_websocket_sends_share_one_budget() throws Exception {
        try (WsClient socket = WsClient.connect(chat.http.webSocketUri("/ws"))) {
            socket.sendText("{\"text\": \"socket 1\"}");
            socket.sendText("{\"text\": \"socket 2\"}");
            assertEquals(200, post("http 3").statusCode());

            socket.sendText("{\"text\": \"socket 4\"}");
            HttpResponse<String> refusedOverHttp = post("http 5");

            JsonNode error = awaitThreeMessagesAndAnError(socket);
            assertTrue(error.get("error").asText().startsWith(REFUSAL), error.toString());
            assertTrue(error.get("error").asText().endsWith(" ms"), error.toString());
            long retryAfterMs = error.get("retryAfterMs").asLong();
            assertTrue(retryAfterMs > 0 && retryAfterMs <= 1_000, error.toString());
            assertEquals(429, refusedOverHttp.statusCode());
            assertEquals(3, storedTexts().size(), storedTexts().toString());
            assertTrue(
                    storedTexts().containsAll(List.of("socket 1", "socket 2", "http 3")),
                    storedTexts().toString());
        }
    }

    @Test
    void a_socket_that_keeps_sending_while_refused_is_closed_1008_and_nothing_refused_is_stored() throws Exception {
        try (WsClient socket = WsClient.connect(chat.http.webSocketUri("/ws"))) {
            for (int i = 1; i <= 6; i++) {
                socket.sendText("{\"text\": \"frame " + i + "\"}");
            }

            WsClient.Closed closed = socket.awaitClose();

            assertEquals(1008, closed.code());
            assertEquals("too many messages", closed.reason());
            assertEquals(List.of("frame 1", "frame 2", "frame 3"), awaitStoredTexts(3));
        }
    }

    @Test
    void the_budget_is_per_identity_and_a_socket_keeps_the_identity_it_had_at_the_upgrade() throws Exception {
        try (InMemoryChat byCaller = new InMemoryChat(
                        InMemoryChat.with(EdgeSettings.DEFAULT.withLimits(
                                LimitSettings.OFF.on().withMessages(1, 3))),
                        exchange -> new Identity.Subject(
                                String.valueOf(exchange.getRequestHeaders().getFirst("X-Caller"))));
                WsClient alice = WsClient.connect(byCaller.http.webSocketUri("/ws"), Map.of("X-Caller", "alice"))) {
            for (int i = 1; i <= 3; i++) {
                assertEquals(200, postAs(byCaller, "bob", "bob " + i).statusCode());
            }
            assertEquals(429, postAs(byCaller, "bob", "bob 4").statusCode(), "bob's budget is spent");

            alice.sendText("{\"text\": \"alice over the socket\"}");
            assertEquals(200, postAs(byCaller, "alice", "alice over http 1").statusCode());
            assertEquals(200, postAs(byCaller, "alice", "alice over http 2").statusCode());
            alice.sendText("{\"text\": \"alice once too often\"}");

            JsonNode error = awaitThreeMessagesAndAnError(alice);
            assertTrue(error.get("error").asText().startsWith(REFUSAL), error.toString());
        }
    }

    private static HttpResponse<String> postAs(InMemoryChat chat, String caller, String text) {
        return chat.http.send(HttpRequest.newBuilder(chat.http.uri("/api/messages"))
                .header("X-Caller", caller)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"" + text + "\"}"))
                .build());
    }

    @Test
    void with_limits_off_as_by_default_no_send_is_refused() {
        try (InMemoryChat unlimited = new InMemoryChat()) {
            for (int i = 1; i <= 40; i++) {
                assertEquals(
                        200,
                        unlimited.http.postJson("{\"text\": \"" + i + "\"}").statusCode());
            }
        }
    }

    private HttpResponse<String> post(String text) {
        return chat.http.postJson("{\"text\": \"" + text + "\"}");
    }

    private List<String> storedTexts() {
        return chat.store.readAfter(RoomSelection.all(), 0, 100).stream()
                .map(Message::text)
                .toList();
    }

    /** Reads frames until three messages (stored and fanned out) and one error have come; returns the error. */
    private static JsonNode awaitThreeMessagesAndAnError(WsClient socket) throws Exception {
        JsonNode error = null;
        int messages = 0;
        while (error == null || messages < 3) {
            JsonNode frame = JSON.readTree(socket.next());
            if (frame.has("error")) {
                error = frame;
            } else {
                messages++;
            }
        }
        return error;
    }

    /** The texts stored, once there are {@code count} of them (a socket's sends are committed after it moves on). */
    private List<String> awaitStoredTexts(int count) throws InterruptedException {
        long deadline = System.nanoTime() + WsClient.WAIT.toNanos();
        List<String> stored = storedTexts();
        while (stored.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
            stored = storedTexts();
        }
        return stored;
    }
}
