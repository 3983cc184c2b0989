package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.transport.auth.AuthSettings;
import dev.chatgopher.transport.auth.TokenKeys;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.Tokens;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Tokens over HTTP against a real server: 401 for each bad token, 403 outside the rights, authors from the token. */
class AuthHttpIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DAY = "from=2025-02-01T00:00:00Z&to=2025-02-02T00:00:00Z";
    private static final String ISSUER = "https://id.example";

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat(ServerSettings.ephemeral()
            .withAuth(AuthSettings.tokens(TokenKeys.HmacSecret.of(Tokens.SECRET))
                    .withIssuer(ISSUER)
                    .withAudience("chat")));

    /** A token this server accepts: the right issuer and audience, an hour to live. */
    private static Tokens token(String subject) {
        return Tokens.hs256(subject).issuer(ISSUER).audience("chat");
    }

    static Stream<Arguments> rejectedTokens() {
        return Stream.of(
                Arguments.of("missing", null, "no token"),
                Arguments.of("malformed", "Bearer not.a.jwt", "malformed"),
                Arguments.of("not bearer", "Basic YWxpY2U6c2VjcmV0", "Bearer <token>"),
                Arguments.of(
                        "expired",
                        "Bearer "
                                + token("alice")
                                        .expiresIn(Duration.ofMinutes(-5))
                                        .sign(),
                        "expired"),
                Arguments.of(
                        "not yet valid",
                        "Bearer "
                                + token("alice")
                                        .notBeforeIn(Duration.ofMinutes(5))
                                        .sign(),
                        "not valid yet"),
                Arguments.of(
                        "wrongly signed",
                        "Bearer "
                                + Tokens.hs256("another-secret-of-at-least-thirty-two-bytes!", "alice")
                                        .issuer(ISSUER)
                                        .audience("chat")
                                        .sign(),
                        "wrongly signed"),
                Arguments.of(
                        "wrong issuer",
                        "Bearer "
                                + Tokens.hs256("alice")
                                        .issuer("https://other.example")
                                        .audience("chat")
                                        .sign(),
                        "wrong issuer"),
                Arguments.of(
                        "wrong audience",
                        "Bearer "
                                + Tokens.hs256("alice")
                                        .issuer(ISSUER)
                                        .audience("billing")
                                        .sign(),
                        "wrong audience"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejectedTokens")
    void a_post_with_a_bad_or_no_token_is_a_json_401_that_names_the_case_and_stores_nothing(
            String kind, String authorization, String words) {
        HttpRequest.Builder request = HttpRequest.newBuilder(chat.http.uri("/api/messages"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"hi\"}"));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }

        HttpResponse<String> response = chat.http.send(request.build());

        assertEquals(401, response.statusCode(), response.body());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElseThrow());
        String challenge = response.headers().firstValue("WWW-Authenticate").orElseThrow();
        assertTrue(challenge.startsWith("Bearer error=\"invalid_token\", error_description=\""), challenge);
        assertTrue(Http.errorMessage(response).contains(words), Http.errorMessage(response));
        assertTrue(challenge.contains(words), challenge);
        assertEquals(
                0,
                chat.store
                        .listRooms(new dev.chatgopher.domain.model.RoomListing("", 10))
                        .size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/api/messages?" + DAY, "/api/rooms", "/api/rooms/general/messages", "/api/nothing"})
    void every_api_read_needs_a_token(String pathAndQuery) {
        HttpResponse<String> response = chat.http.get(pathAndQuery);

        assertEquals(401, response.statusCode(), response.body());
        assertTrue(
                response.headers().firstValue("WWW-Authenticate").orElseThrow().contains("invalid_token"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/health/live", "/health/ready", "/metrics", "/", "/assets/main.js", "/openapi.yaml"})
    void health_metrics_the_web_client_and_the_api_document_stay_open(String path) {
        assertEquals(200, chat.http.get(path).statusCode(), path);
    }

    @Test
    void a_cors_preflight_carries_no_token_and_is_not_refused_for_it() {
        HttpResponse<String> preflight = chat.http.send(HttpRequest.newBuilder(chat.http.uri("/api/messages"))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", "http://localhost:3000")
                .header("Access-Control-Request-Method", "POST")
                .build());

        assertTrue(preflight.statusCode() != 401, preflight.statusCode() + " " + preflight.body());
    }

    @Test
    void an_access_token_in_the_query_does_not_count_over_http() {
        String token = token("alice").read("*").sign();

        HttpResponse<String> response = chat.http.get("/api/rooms?access_token=" + token);

        assertEquals(401, response.statusCode());
        assertTrue(Http.errorMessage(response).contains("no token"), response.body());
    }

    @Test
    void a_post_needs_the_write_right_on_its_room_and_the_original_endpoint_writes_the_default_room() {
        String teamWriter = token("alice").write("team-*").sign();

        assertEquals(
                200,
                post("/api/rooms/team-1/messages", teamWriter, "{\"text\": \"hi\"}")
                        .statusCode());
        HttpResponse<String> refused = post("/api/rooms/random/messages", teamWriter, "{\"text\": \"hi\"}");
        assertEquals(403, refused.statusCode(), refused.body());
        assertEquals(
                "application/json", refused.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(Http.errorMessage(refused).contains("may not write to room random"), refused.body());
        assertEquals(
                403, post("/api/messages", teamWriter, "{\"text\": \"hi\"}").statusCode());

        assertEquals(
                200,
                post("/api/messages", token("bob").write("general").sign(), "{\"text\": \"hi\"}")
                        .statusCode());
        assertEquals(
                List.of("general", "team-1"),
                chat.store.listRooms(new dev.chatgopher.domain.model.RoomListing("", 10)).stream()
                        .map(room -> room.room().value())
                        .sorted()
                        .toList());
    }

    @Test
    void reading_history_needs_the_read_right_on_the_room() {
        chat.writer.send(new NewMessage(RoomId.GENERAL, null, 1, "hello")).join();
        chat.writer.send(new NewMessage(RoomId.of("secret"), null, 1, "hidden")).join();
        String generalReader = token("carol").read("general").sign();

        assertEquals(200, get("/api/messages?" + DAY, generalReader).statusCode());
        assertEquals(200, get("/api/rooms/general/messages", generalReader).statusCode());
        HttpResponse<String> refused = get("/api/rooms/secret/messages", generalReader);
        assertEquals(403, refused.statusCode());
        assertTrue(Http.errorMessage(refused).contains("may not read room secret"), refused.body());
        assertEquals(
                403, get("/api/rooms/secret/messages?" + DAY, generalReader).statusCode());
        assertEquals(
                403,
                get("/api/messages?" + DAY, token("dave").read("team-*").sign()).statusCode());
    }

    @Test
    void the_author_is_the_tokens_name_or_subject_whatever_the_body_says() throws Exception {
        JsonNode named = JSON.readTree(post(
                        "/api/messages",
                        token("alice").name("Alice Liddell").write("*").sign(),
                        "{\"text\": \"hi\", \"author\": \"the queen\"}")
                .body());
        JsonNode unnamed = JSON.readTree(
                post("/api/messages", token("bob").write("*").sign(), "{\"text\": \"hi\", \"author\": \"alice\"}")
                        .body());

        assertEquals("Alice Liddell", named.get("author").asText());
        assertEquals("bob", unnamed.get("author").asText());
    }

    @Test
    void a_retry_with_the_same_idempotency_key_and_body_is_a_repeat_even_though_the_author_was_replaced() {
        String token = token("alice").write("*").sign();
        String body = "{\"sequence\": 3, \"text\": \"once\", \"author\": \"someone else\"}";

        HttpResponse<String> first = postWithKey(token, body, "key-1");
        HttpResponse<String> retry = postWithKey(token, body, "key-1");

        assertEquals(200, first.statusCode(), first.body());
        assertEquals(first.body(), retry.body());
        assertEquals(
                1,
                chat.store
                        .readAfter(dev.chatgopher.domain.model.RoomSelection.all(), 0, 10)
                        .size());
    }

    @Test
    void an_idempotency_key_is_its_subjects_own_another_subject_using_it_stores_its_own_message() throws Exception {
        String alice = token("alice").write("*").sign();
        String bob = token("bob").write("*").sign();

        HttpResponse<String> fromAlice = postWithKey(alice, "{\"text\": \"alice's first\"}", "msg-1");
        HttpResponse<String> fromBob = postWithKey(bob, "{\"text\": \"bob's first\"}", "msg-1");
        HttpResponse<String> bobAgain = postWithKey(bob, "{\"text\": \"bob's first\"}", "msg-1");
        HttpResponse<String> bobChanged = postWithKey(bob, "{\"text\": \"bob's second\"}", "msg-1");

        assertEquals(200, fromAlice.statusCode(), fromAlice.body());
        assertEquals(200, fromBob.statusCode(), "not alice's key, though spelled the same: " + fromBob.body());
        assertEquals("bob's first", JSON.readTree(fromBob.body()).get("text").asText());
        assertEquals(fromBob.body(), bobAgain.body(), "bob's retry is a repeat of bob's message");
        assertEquals(422, bobChanged.statusCode());
        long bobsId = JSON.readTree(fromBob.body()).get("id").asLong();
        assertEquals(
                "Idempotency-Key 'msg-1' was already used for a different message (id " + bobsId + ")",
                JSON.readTree(bobChanged.body()).get("error").asText(),
                "the conflict names the client's key and bob's own message");
        assertEquals(
                2,
                chat.store
                        .readAfter(dev.chatgopher.domain.model.RoomSelection.all(), 0, 10)
                        .size());
    }

    @Test
    void the_room_list_shows_only_readable_rooms_and_never_fewer_than_the_limit_when_more_are_readable()
            throws Exception {
        // Three readable rooms first, then many unreadable ones more recent than all of them: a filtered page of
        // the newest rooms would hold none of the readable ones.
        List<String> readable = List.of("team-a", "team-b", "lobby");
        for (String room : readable) {
            chat.writer.send(new NewMessage(RoomId.of(room), null, 1, "x")).join();
        }
        for (int i = 0; i < 60; i++) {
            chat.writer
                    .send(new NewMessage(RoomId.of("other-" + i), null, 1, "x"))
                    .join();
            chat.writer
                    .send(new NewMessage(RoomId.of("lobby-" + i), null, 1, "x"))
                    .join();
        }
        String token = token("erin").read("team-*", "lobby").sign();

        assertEquals(List.of("lobby", "team-b", "team-a"), rooms(get("/api/rooms", token)));
        assertEquals(List.of("lobby", "team-b"), rooms(get("/api/rooms?limit=2", token)));
        assertEquals(List.of("team-b", "team-a"), rooms(get("/api/rooms?prefix=team", token)));
        assertEquals(List.of("lobby"), rooms(get("/api/rooms?prefix=lob", token)));
        assertEquals(List.of(), rooms(get("/api/rooms?prefix=other", token)));
        assertEquals(
                50, rooms(get("/api/rooms", token("frank").read("*").sign())).size());
    }

    private HttpResponse<String> post(String path, String token, String json) {
        return chat.http.send(HttpRequest.newBuilder(chat.http.uri(path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private HttpResponse<String> postWithKey(String token, String json, String key) {
        return chat.http.send(HttpRequest.newBuilder(chat.http.uri("/api/messages"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    private HttpResponse<String> get(String pathAndQuery, String token) {
        return chat.http.send(HttpRequest.newBuilder(chat.http.uri(pathAndQuery))
                .header("Authorization", "Bearer " + token)
                .GET()
                .build());
    }

    private static List<String> rooms(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        List<String> names = new ArrayList<>();
        for (JsonNode room : JSON.readTree(response.body())) {
            names.add(room.get("room").asText());
        }
        return names;
    }
}
