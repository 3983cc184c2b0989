package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.RequestCounts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Rooms and authors over HTTP against a real server: {@code /api/rooms/{room}/messages} and {@code /api/rooms}. */
class RoomsHttpIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAY = "from=2025-02-01T00:00:00Z&to=2025-02-02T00:00:00Z";

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void a_post_to_a_room_answers_the_stored_message_with_its_room_and_author() throws Exception {
        HttpResponse<String> response = chat.http.postTo(
                "/api/rooms/team-1/messages", "{\"sequence\": 4, \"text\": \"hi\", \"author\": \"alice\"}");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(
                "{\"id\":1,\"room\":\"team-1\",\"author\":\"alice\",\"sequence\":4,\"text\":\"hi\","
                        + "\"created_at\":\"2025-02-01T12:00:00Z\"}",
                response.body());
    }

    @Test
    void rooms_are_separate_and_the_original_endpoints_read_and_write_the_default_room() throws Exception {
        long inA = id(chat.http.postTo("/api/rooms/a/messages", "{\"text\": \"in a\"}"));
        long inB = id(chat.http.postTo("/api/rooms/b/messages", "{\"text\": \"in b\", \"author\": null}"));
        long inGeneral = id(chat.http.postJson("{\"text\": \"in general\", \"author\": \"bob\"}"));

        assertEquals(List.of(inA), ids(chat.http.get("/api/rooms/a/messages?" + DAY)));
        assertEquals(List.of(inB), ids(chat.http.get("/api/rooms/b/messages?" + DAY)));
        JsonNode general = JSON.readTree(chat.http.get("/api/messages?" + DAY).body());
        assertEquals(1, general.size());
        assertEquals(inGeneral, general.get(0).get("id").asLong());
        assertEquals("general", general.get(0).get("room").asText());
        assertEquals("bob", general.get(0).get("author").asText());
        assertEquals(List.of(inGeneral), ids(chat.http.get("/api/rooms/general/messages")));
    }

    @Test
    void the_original_endpoints_follow_a_configured_default_room() throws Exception {
        try (InMemoryChat lobby =
                new InMemoryChat(ServerSettings.ephemeral().withRooms(new RoomSettings(RoomId.of("lobby"), 100)))) {
            HttpResponse<String> posted = lobby.http.postJson("{\"text\": \"hello\"}");

            assertEquals("lobby", JSON.readTree(posted.body()).get("room").asText());
            assertEquals(List.of(id(posted)), ids(lobby.http.get("/api/rooms/lobby/messages")));
            assertEquals("[]", lobby.http.get("/api/rooms/general/messages").body());
        }
    }

    @Test
    void an_unknown_room_reads_as_empty() {
        for (String query : List.of("", "?limit=5", "?before=10", "?after=0", "?" + DAY)) {
            HttpResponse<String> response = chat.http.get("/api/rooms/nobody-here/messages" + query);
            assertEquals(200, response.statusCode(), query);
            assertEquals("[]", response.body(), query);
        }
    }

    @Test
    void pages_by_id_newest_before_and_after_are_oldest_first_and_skip_other_rooms() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            ids.add(id(chat.http.postTo("/api/rooms/paged/messages", "{\"sequence\": " + i + ", \"text\": \"p\"}")));
            chat.http.postTo("/api/rooms/other/messages", "{\"text\": \"noise\"}");
        }

        assertEquals(ids, ids(chat.http.get("/api/rooms/paged/messages")));
        assertEquals(ids.subList(7, 10), ids(chat.http.get("/api/rooms/paged/messages?limit=3")));
        assertEquals(
                ids.subList(2, 5), ids(chat.http.get("/api/rooms/paged/messages?before=" + ids.get(5) + "&limit=3")));
        assertEquals(
                ids.subList(0, 2), ids(chat.http.get("/api/rooms/paged/messages?before=" + ids.get(2) + "&limit=50")));
        assertEquals(
                ids.subList(6, 9), ids(chat.http.get("/api/rooms/paged/messages?after=" + ids.get(5) + "&limit=3")));
        assertEquals(ids.subList(0, 3), ids(chat.http.get("/api/rooms/paged/messages?after=0&limit=3")));
        assertEquals(List.of(), ids(chat.http.get("/api/rooms/paged/messages?after=" + ids.getLast())));
    }

    @Test
    void load_older_walks_back_to_the_first_message_of_a_room() throws Exception {
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            sent.add(id(chat.http.postTo("/api/rooms/long/messages", "{\"text\": \"m" + i + "\"}")));
        }
        List<Long> seen = new ArrayList<>(ids(chat.http.get("/api/rooms/long/messages?limit=10")));
        while (true) {
            List<Long> older = ids(chat.http.get("/api/rooms/long/messages?limit=10&before=" + seen.getFirst()));
            if (older.isEmpty()) {
                break;
            }
            seen.addAll(0, older);
        }

        assertEquals(sent, seen);
    }

    @Test
    void a_rooms_time_range_includes_both_ends_and_only_that_room() throws Exception {
        List<Long> inRoom = new ArrayList<>();
        for (int minute = 0; minute < 4; minute++) {
            chat.clock.set(InMemoryChat.START.plus(Duration.ofMinutes(minute)));
            inRoom.add(id(chat.http.postTo("/api/rooms/timed/messages", "{\"text\": \"t\"}")));
            chat.http.postJson("{\"text\": \"general at the same time\"}");
        }

        HttpResponse<String> response =
                chat.http.get("/api/rooms/timed/messages?from=2025-02-01T12:01:00Z&to=2025-02-01T12:02:00Z");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(inRoom.subList(1, 3), ids(response));
    }

    @Test
    void a_post_with_an_idempotency_key_to_a_room_is_answered_once() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(chat.http.uri("/api/rooms/pay/messages"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "room-key-1")
                .POST(HttpRequest.BodyPublishers.ofString("{\"sequence\": 1, \"text\": \"pay 10\"}"))
                .build();

        HttpResponse<String> first = chat.http.send(request);
        HttpResponse<String> retry = chat.http.send(request);

        assertEquals(200, retry.statusCode());
        assertEquals(first.body(), retry.body());
        assertEquals(1, ids(chat.http.get("/api/rooms/pay/messages")).size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/rooms/Big/messages              | a room is 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or a digit, got \"Big\"",
                "/api/rooms/-dash/messages            | a room is 1 to 64 characters of a-z, 0-9, '.', '_' and '-', starting with a letter or a digit, got \"-dash\"",
                "/api/rooms/a/messages?limit=0        | limit must be a whole number from 1 to 1000, got '0'",
                "/api/rooms/a/messages?limit=1001     | limit must be a whole number from 1 to 1000, got '1001'",
                "/api/rooms/a/messages?limit=ten      | limit must be a whole number from 1 to 1000, got 'ten'",
                "/api/rooms/a/messages?limit=         | limit must be a whole number from 1 to 1000, got ''",
                "/api/rooms/a/messages?limit=1&limit=2 | limit must be given once",
                "/api/rooms/a/messages?before=x       | before must be a message id: a whole number from 0 to 9223372036854775807, got 'x'",
                "/api/rooms/a/messages?after=-1       | after must be a message id: a whole number from 0 to 9223372036854775807, got '-1'",
                "/api/rooms/a/messages?after=99999999999999999999 | after must be a message id: a whole number from 0 to 9223372036854775807, got '99999999999999999999'",
                "/api/rooms/a/messages?before=5&after=1 | before and after cannot be combined: ask for one page at a time",
                "/api/rooms/a/messages?from=2025-02-01T00:00:00Z&to=2025-02-02T00:00:00Z&before=5 | a time range (from, to) and a page by id (before, after) cannot be combined: ask for one of them",
                "/api/rooms/a/messages?from=2025-02-01T00:00:00Z&after=5 | a time range (from, to) and a page by id (before, after) cannot be combined: ask for one of them",
                "/api/rooms/a/messages?from=2025-02-01T00:00:00Z&to=2025-02-02T00:00:00Z&limit=5 | limit applies to a page by id (before, after or the newest), not to a time range (from, to)",
                "/api/rooms/a/messages?to=2025-02-02T00:00:00Z | from is required: an RFC 3339 timestamp such as 2025-02-01T00:00:00Z",
                "/api/rooms?limit=0                   | limit must be a whole number from 1 to 1000, got '0'",
                "/api/rooms?prefix=A                  | prefix must be the start of a room id: up to 64 characters of a-z, 0-9, '.', '_' and '-'",
            })
    void refuses_bad_reads_with_a_json_400(String pathAndQuery, String error) {
        HttpResponse<String> response = chat.http.get(pathAndQuery);

        Http.assertJsonError(response, 400, error);
    }

    @Test
    void a_post_to_a_bad_room_is_a_json_400_and_stores_nothing() throws Exception {
        HttpResponse<String> response = chat.http.postTo("/api/rooms/NO%20SPACES/messages", "{\"text\": \"x\"}");

        assertEquals(400, response.statusCode(), response.body());
        assertTrue(Http.errorMessage(response).startsWith(RoomId.RULE), response.body());
        assertEquals("[]", chat.http.get("/api/rooms").body());
    }

    @Test
    void lists_rooms_most_recently_active_first_with_prefix_and_limit() throws Exception {
        chat.http.postTo("/api/rooms/team-a/messages", "{\"text\": \"1\"}");
        chat.http.postTo("/api/rooms/team-b/messages", "{\"text\": \"2\"}");
        chat.http.postTo("/api/rooms/random/messages", "{\"text\": \"3\"}");
        chat.clock.set(Instant.parse("2025-02-01T12:00:00.5Z"));
        long last = id(chat.http.postTo("/api/rooms/team-a/messages", "{\"text\": \"4\"}"));

        JsonNode all = JSON.readTree(chat.http.get("/api/rooms").body());
        assertEquals(List.of("team-a", "random", "team-b"), rooms(all));
        assertEquals(
                "{\"room\":\"team-a\",\"messages\":2,\"last_id\":" + last
                        + ",\"last_at\":\"2025-02-01T12:00:00.500Z\"}",
                all.get(0).toString());
        assertEquals(
                List.of("team-a", "team-b"),
                rooms(JSON.readTree(chat.http.get("/api/rooms?prefix=team-").body())));
        assertEquals(
                List.of("team-a"),
                rooms(JSON.readTree(chat.http.get("/api/rooms?limit=1").body())));
    }

    @Test
    void a_wrong_method_on_a_room_route_names_the_right_ones() {
        HttpResponse<String> response = chat.http.send(HttpRequest.newBuilder(chat.http.uri("/api/rooms/a/messages"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build());

        assertEquals(405, response.statusCode());
        assertEquals("GET, POST", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void room_requests_are_counted_under_the_route_template_not_the_path() {
        chat.http.postTo("/api/rooms/a/messages", "{\"text\": \"x\"}");
        chat.http.get("/api/rooms/a/messages");
        chat.http.get("/api/rooms/b/messages?limit=0");

        String template = "/api/rooms/{room}/messages";
        assertEquals(2, RequestCounts.await(chat.meters, 2, "method", "GET", "route", template));
        assertEquals(1, RequestCounts.await(chat.meters, 1, "method", "POST", "route", template));
        assertTrue(chat.meters
                .find("chat.http.requests")
                .tag("route", "/api/rooms/a/messages")
                .counters()
                .isEmpty());
    }

    private static long id(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body()).get("id").asLong();
    }

    private static List<Long> ids(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        List<Long> ids = new ArrayList<>();
        JSON.readTree(response.body())
                .forEach(message -> ids.add(message.get("id").asLong()));
        return ids;
    }

    private static List<String> rooms(JsonNode array) {
        List<String> rooms = new ArrayList<>();
        array.forEach(room -> rooms.add(room.get("room").asText()));
        return rooms;
    }
}
