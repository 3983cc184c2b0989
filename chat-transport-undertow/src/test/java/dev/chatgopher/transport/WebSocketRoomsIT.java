package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.WsClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code /ws?rooms=...}: following rooms live and on resume, sending to rooms, against a real server. */
class WebSocketRoomsIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(300);

    @AutoClose
    private final InMemoryChat chat =
            new InMemoryChat(ServerSettings.ephemeral().withRooms(new RoomSettings(RoomId.GENERAL, 3)));

    @Test
    void a_socket_following_two_rooms_sees_both_in_one_increasing_order_and_nothing_of_a_third() throws Exception {
        try (WsClient both = connect("/ws?rooms=a,b");
                WsClient onlyC = connect("/ws?rooms=c")) {
            List<Long> expected = new ArrayList<>();
            List<CompletableFuture<Message>> sends = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                sends.add(chat.writer.send(message(List.of("a", "b", "c").get(i % 3), i)));
            }
            for (CompletableFuture<Message> send : sends) {
                Message stored = send.join();
                if (!stored.room().value().equals("c")) {
                    expected.add(stored.id());
                }
            }

            List<JsonNode> received = json(both.next(expected.size()));
            assertEquals(expected, ids(received));
            assertTrue(received.stream().allMatch(m -> !m.get("room").asText().equals("c")));
            assertNull(both.poll(QUIET), "nothing of room c");
            assertEquals(100, onlyC.next(100).size());
            assertNull(onlyC.poll(QUIET));
        }
    }

    @Test
    void rooms_star_follows_every_room_even_one_created_after_connecting() throws Exception {
        try (WsClient everything = connect("/ws?rooms=*")) {
            long first = id(chat.http.postTo("/api/rooms/x/messages", "{\"text\": \"x\"}"));
            long second = id(chat.http.postJson("{\"text\": \"general\"}"));
            long third = id(chat.http.postTo("/api/rooms/brand-new/messages", "{\"text\": \"new\"}"));

            assertEquals(List.of(first, second, third), ids(json(everything.next(3))));
        }
    }

    @Test
    void resuming_over_several_rooms_replays_their_stored_messages_then_goes_live_without_gap() throws Exception {
        List<Long> expected = new ArrayList<>();
        long after = 0;
        for (int i = 0; i < 600; i++) {
            Message stored =
                    chat.writer.send(message(i % 2 == 0 ? "a" : "c", i)).join();
            if (i == 99) {
                after = stored.id();
            }
            if (i > 99 && stored.room().value().equals("a")) {
                expected.add(stored.id());
            }
        }
        try (WsClient client = connect("/ws?rooms=a,b&after=" + after)) {
            List<CompletableFuture<Message>> live = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                live.add(chat.writer.send(message(List.of("a", "b", "c").get(i % 3), i)));
            }
            live.stream()
                    .map(CompletableFuture::join)
                    .filter(m -> !m.room().value().equals("c"))
                    .forEach(m -> expected.add(m.id()));

            assertEquals(expected, ids(json(client.next(expected.size()))));
            assertNull(client.poll(QUIET));
        }
    }

    @Test
    void a_socket_may_send_to_a_room_it_does_not_follow_and_with_an_author() throws Exception {
        try (WsClient sender = connect("/ws?rooms=a");
                WsClient reader = connect("/ws?rooms=b")) {
            sender.sendText("{\"room\": \"b\", \"sequence\": 1, \"text\": \"hello b\", \"author\": \"alice\"}");

            JsonNode received = JSON.readTree(reader.next());
            assertEquals("b", received.get("room").asText());
            assertEquals("alice", received.get("author").asText());
            assertEquals("hello b", received.get("text").asText());
            assertNull(sender.poll(QUIET), "the sender does not follow b");
        }
    }

    @Test
    void a_frame_without_room_goes_to_the_one_room_followed() throws Exception {
        try (WsClient client = connect("/ws?rooms=solo")) {
            client.sendText("{\"sequence\": 2, \"text\": \"no room named\"}");

            JsonNode received = JSON.readTree(client.next());
            assertEquals("solo", received.get("room").asText());
            assertTrue(received.get("author").isNull());
        }
    }

    @Test
    void a_frame_without_room_on_a_socket_of_several_rooms_is_answered_with_an_error_and_stores_nothing()
            throws Exception {
        try (WsClient several = connect("/ws?rooms=a,b");
                WsClient every = connect("/ws?rooms=*")) {
            several.sendText("{\"text\": \"where to?\"}");
            every.sendText("{\"text\": \"where to?\"}");

            String required =
                    "room is required: this connection follows more than one room, so name the room to send to";
            assertEquals(required, Http.errorMessage(several.next()));
            assertEquals(required, Http.errorMessage(every.next()));
            several.sendText("{\"room\": \"Not Valid\", \"text\": \"x\"}");
            assertTrue(Http.errorMessage(several.next()).startsWith(RoomId.RULE));
            assertEquals("[]", chat.http.get("/api/rooms").body());
        }
    }

    @Test
    void plain_ws_follows_the_default_room_only_and_sends_there() throws Exception {
        try (WsClient plain = connect("/ws")) {
            chat.http.postTo("/api/rooms/elsewhere/messages", "{\"text\": \"not for plain\"}");
            String posted = chat.http
                    .postJson("{\"sequence\": 1, \"text\": \"for plain\"}")
                    .body();

            assertEquals(posted, plain.next());
            plain.sendText("{\"sequence\": 2, \"text\": \"from plain\"}");
            assertEquals("general", JSON.readTree(plain.next()).get("room").asText());
            assertNull(plain.poll(QUIET));
        }
    }

    @Test
    void more_rooms_than_allowed_is_a_400_before_the_upgrade() {
        HttpResponse<String> response = chat.http.get("/ws?rooms=a,b,c,d");

        assertEquals(400, response.statusCode());
        assertEquals(
                "rooms names 4 rooms; one connection may follow at most 3, or every room with rooms=*",
                Http.errorMessage(response));
        assertRefused("/ws?rooms=a,b,c,d");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "rooms=                | rooms must name at least one room: a comma-separated list of room ids such as rooms=general,random, or rooms=*",
                "rooms=a,,b            | rooms has an empty name at position 2: separate room ids with single commas",
                "rooms=a,              | rooms has an empty name at position 2: separate room ids with single commas",
                "rooms=a,a             | rooms names a twice: name each room once",
                "rooms=a&rooms=b       | rooms must be given once: a comma-separated list of room ids such as rooms=general,random, or rooms=*",
                "rooms=a,B             | rooms: a room is 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or a digit, got \"B\"",
            })
    void bad_room_lists_are_refused_before_the_upgrade(String query, String error) {
        HttpResponse<String> response = chat.http.get("/ws?" + query);

        assertEquals(400, response.statusCode(), response.body());
        assertEquals(error, Http.errorMessage(response));
        assertRefused("/ws?" + query);
    }

    private WsClient connect(String pathAndQuery) {
        return WsClient.connect(chat.http.webSocketUri(pathAndQuery));
    }

    private void assertRefused(String pathAndQuery) {
        try (WsClient ignored = connect(pathAndQuery)) {
            throw new AssertionError("the upgrade should have been refused");
        } catch (CompletionException expected) {
            assertEquals(
                    400,
                    ((WebSocketHandshakeException) expected.getCause())
                            .getResponse()
                            .statusCode());
        }
    }

    private static NewMessage message(String room, int sequence) {
        return new NewMessage(RoomId.of(room), null, sequence, room + " " + sequence);
    }

    private static long id(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("id").asLong();
    }

    private static List<JsonNode> json(List<String> frames) throws Exception {
        List<JsonNode> nodes = new ArrayList<>();
        for (String frame : frames) {
            nodes.add(JSON.readTree(frame));
        }
        return nodes;
    }

    private static List<Long> ids(List<JsonNode> messages) {
        return messages.stream().map(m -> m.get("id").asLong()).collect(Collectors.toList());
    }
}
