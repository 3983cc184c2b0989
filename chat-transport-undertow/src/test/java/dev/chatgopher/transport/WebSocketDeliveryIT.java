package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.domain.inmemory.InMemoryMessageStore;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.RawWebSocket;
import dev.chatgopher.transport.testing.WsClient;
import dev.chatgopher.transport.ws.OutboundLimits;
import dev.chatgopher.transport.ws.WebSocketSettings;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The delivery guarantees of {@code /ws}: resume without gap or duplicate, back-pressure, heartbeats, sending. */
class WebSocketDeliveryIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void after_sends_what_was_missed_then_continues_live() throws Exception {
        try (InMemoryChat chat = new InMemoryChat()) {
            List<Long> ids = send(chat, 5);
            try (WsClient client = WsClient.connect(chat.http.webSocketUri("/ws?after=" + ids.get(1)))) {
                assertEquals(ids.subList(2, 5), idsOf(client.next(3)));

                long live = send(chat, 1).getFirst();

                assertEquals(List.of(live), idsOf(client.next(1)));
                assertNull(client.poll(Duration.ofMillis(200)));
            }
        }
    }

    @Test
    void after_zero_replays_everything_and_after_the_newest_id_waits_for_new_ones() throws Exception {
        try (InMemoryChat chat = new InMemoryChat()) {
            List<Long> ids = send(chat, 3);
            try (WsClient everything = WsClient.connect(chat.http.webSocketUri("/ws?after=0"));
                    WsClient upToDate = WsClient.connect(chat.http.webSocketUri("/ws?after=" + ids.getLast()))) {
                assertEquals(ids, idsOf(everything.next(3)));
                assertNull(upToDate.poll(Duration.ofMillis(200)));
            }
        }
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"after=", "after=abc", "after=-1", "after=1.5", "after=99999999999999999999", "after=1&after=2"})
    void an_invalid_after_is_refused_before_the_upgrade(String query) throws Exception {
        try (InMemoryChat chat = new InMemoryChat()) {
            HttpResponse<String> response = chat.http.get("/ws?" + query);

            Http.assertJsonError(
                    response,
                    400,
                    "after must be the id of the last message received: a whole number from 0 to 9223372036854775807");
            assertThrowsOnConnect(chat, "/ws?" + query);
        }
    }

    @Test
    void a_long_catch_up_while_messages_keep_coming_ends_with_everything_once_in_order() throws Exception {
        try (InMemoryChat chat = new InMemoryChat()) {
            List<CompletableFuture<Message>> sends = new ArrayList<>();
            for (int i = 0; i < 3_000; i++) {
                sends.add(chat.writer.send(InMemoryChat.general(i, "backlog " + i)));
            }
            sends.forEach(CompletableFuture::join);
            try (WsClient client = WsClient.connect(chat.http.webSocketUri("/ws?after=0"))) {
                for (int i = 0; i < 2_000; i++) {
                    sends.add(chat.writer.send(InMemoryChat.general(i, "while catching up " + i)));
                }
                List<Long> expected =
                        sends.stream().map(send -> send.join().id()).toList();

                assertEquals(expected, idsOf(client.next(expected.size())));
                assertNull(client.poll(Duration.ofMillis(200)));
            }
        }
    }

    @Test
    void a_frame_sent_by_a_client_is_stored_and_broadcast_to_everyone_including_the_sender() throws Exception {
        try (InMemoryChat chat = new InMemoryChat();
                WsClient sender = WsClient.connect(chat.http.webSocketUri("/ws"));
                WsClient other = WsClient.connect(chat.http.webSocketUri("/ws"))) {
            sender.sendText("{\"sequence\": 7, \"text\": \"over the socket\"}");

            JsonNode echoed = JSON.readTree(sender.next());
            assertEquals(7, echoed.get("sequence").asLong());
            assertEquals("over the socket", echoed.get("text").asText());
            assertEquals(echoed, JSON.readTree(other.next()));
            assertEquals(
                    echoed,
                    JSON.readTree(chat.http
                                    .history("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z")
                                    .body())
                            .get(0));
        }
    }

    @Test
    void a_bad_frame_is_answered_on_that_socket_only_and_the_socket_stays_open() throws Exception {
        try (InMemoryChat chat = new InMemoryChat();
                WsClient sender = WsClient.connect(chat.http.webSocketUri("/ws"));
                WsClient other = WsClient.connect(chat.http.webSocketUri("/ws"))) {
            sender.sendText("{\"text\": \"" + "x".repeat(129) + "\"}");
            sender.sendText("not json");

            assertEquals("{\"error\":\"text must be 1 to 128 characters long, got 129\"}", sender.next());
            assertTrue(sender.next().startsWith("{\"error\":\"request is not valid JSON (line 1, column "));
            assertNull(other.poll(Duration.ofMillis(200)));

            sender.sendText("{\"text\": \"still here\"}");
            assertEquals("still here", JSON.readTree(sender.next()).get("text").asText());
            assertEquals("still here", JSON.readTree(other.next()).get("text").asText());
            assertFalse(sender.isClosed());
        }
    }

    @Test
    void a_client_that_answers_pings_stays_and_one_that_does_not_is_closed() throws Exception {
        WebSocketSettings quickHeartbeat =
                WebSocketSettings.DEFAULT.withHeartbeat(Duration.ofMillis(200), Duration.ofMillis(300));
        try (InMemoryChat chat = new InMemoryChat(
                        new InMemoryMessageStore(), ServerSettings.ephemeral().withWebSocket(quickHeartbeat));
                WsClient alive = WsClient.connect(chat.http.webSocketUri("/ws"));
                RawWebSocket silent = RawWebSocket.connect(chat.server.port(), "/ws")) {

            assertTrue(
                    silent.closedByServerWithin(Duration.ofSeconds(10)),
                    "a client that never answers pings must be closed");

            assertFalse(alive.isClosed());
            long id = send(chat, 1).getFirst();
            assertEquals(List.of(id), idsOf(alive.next(1)));
        }
    }

    @Test
    void a_client_that_stops_reading_is_closed_while_a_fast_one_gets_everything() throws Exception {
        // Room for a few commit batches (the writer commits up to 256 at once), far less than what is sent.
        OutboundLimits small = new OutboundLimits(1_024, 256 * 1024);
        WebSocketSettings settings = WebSocketSettings.DEFAULT.withOutbound(small);
        try (InMemoryChat chat = new InMemoryChat(
                        new InMemoryMessageStore(), ServerSettings.ephemeral().withWebSocket(settings));
                WsClient fast = WsClient.connect(chat.http.webSocketUri("/ws"));
                RawWebSocket stalled = RawWebSocket.connect(chat.server.port(), "/ws")) {
            // 30,000 frames of ~330 bytes: far more than the kernel's socket buffers (up to 4 MiB here) and the
            // session's 256 KiB bound can hold for a client that reads nothing.
            int chunks = 300;
            int perChunk = 100;
            String text = "Ж".repeat(120);
            List<Long> sent = new ArrayList<>();
            List<Long> received = new ArrayList<>();
            for (int chunk = 0; chunk < chunks; chunk++) {
                List<CompletableFuture<Message>> sends = new ArrayList<>();
                for (int i = 0; i < perChunk; i++) {
                    sends.add(chat.writer.send(InMemoryChat.general(i, text)));
                }
                sends.forEach(send -> sent.add(send.join().id()));
                // The fast client reads each chunk before the next is sent, as a client keeping up does.
                received.addAll(idsOf(fast.next(perChunk)));
            }

            assertEquals(sent, received);
            assertTrue(stalled.closedByServerWithin(Duration.ofSeconds(10)), "the stalled client must be cut off");
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (chat.server.webSocketSessions() > 1 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, chat.server.webSocketSessions(), "the stalled session must be released");
        }
    }

    private static List<Long> send(InMemoryChat chat, int count) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(JSON.readTree(chat.http
                            .postJson("{\"sequence\": " + i + ", \"text\": \"m" + i + "\"}")
                            .body())
                    .get("id")
                    .asLong());
        }
        return ids;
    }

    private static List<Long> idsOf(List<String> frames) throws Exception {
        List<Long> ids = new ArrayList<>();
        for (String frame : frames) {
            ids.add(JSON.readTree(frame).get("id").asLong());
        }
        return ids;
    }

    private static void assertThrowsOnConnect(InMemoryChat chat, String pathAndQuery) {
        try (WsClient ignored = WsClient.connect(chat.http.webSocketUri(pathAndQuery))) {
            throw new AssertionError("the upgrade should have been refused");
        } catch (java.util.concurrent.CompletionException expected) {
            java.net.http.WebSocketHandshakeException refused =
                    (java.net.http.WebSocketHandshakeException) expected.getCause();
            assertEquals(400, refused.getResponse().statusCode());
        }
    }
}
