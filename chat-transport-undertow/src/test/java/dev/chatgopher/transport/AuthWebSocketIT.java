package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.transport.auth.AuthSettings;
import dev.chatgopher.transport.auth.TokenKeys;
import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.RawHttp;
import dev.chatgopher.transport.testing.Tokens;
import dev.chatgopher.transport.testing.WsClient;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tokens on the WebSocket against a real server: refusals before the upgrade, rights per frame, the close at exp. */
class AuthWebSocketIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration QUIET = Duration.ofMillis(300);

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat(
            ServerSettings.ephemeral().withAuth(AuthSettings.tokens(TokenKeys.HmacSecret.of(Tokens.SECRET))));

    @Test
    void an_upgrade_without_a_token_is_a_json_401_before_the_upgrade() throws Exception {
        RawHttp.Answer answer = handshake("/ws", null);

        assertEquals("HTTP/1.1 401 Unauthorized", answer.statusLine());
        assertEquals("application/json", answer.header("Content-Type"));
        assertTrue(answer.header("WWW-Authenticate").startsWith("Bearer error=\"invalid_token\""), answer.headers());
        assertTrue(Http.errorMessage(answer.body()).contains("access_token"), answer.body());
        assertEquals(0, chat.server.webSocketSessions());
    }

    @Test
    void an_upgrade_with_an_expired_token_in_the_query_is_a_json_401_that_says_so() throws Exception {
        String expired = Tokens.hs256("alice")
                .read("*")
                .expiresIn(Duration.ofMinutes(-5))
                .sign();

        RawHttp.Answer answer = handshake("/ws?access_token=" + expired, null);

        assertEquals("HTTP/1.1 401 Unauthorized", answer.statusLine());
        assertTrue(Http.errorMessage(answer.body()).contains("expired"), answer.body());
    }

    @ParameterizedTest(name = "{0} with chat.read {1}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/ws                 | team-*        | may not read room general",
                "/ws?rooms=a,secret  | a             | may not read room secret",
                "/ws?rooms=*         | team-*        | rooms=* needs the right to read every room",
                "/ws?rooms=team-1,b  | team-*        | may not read room b",
            })
    void an_upgrade_for_a_room_outside_the_read_rights_is_a_json_403_before_the_upgrade(
            String pathAndQuery, String read, String words) throws Exception {
        String token = Tokens.hs256("alice").read(read).sign();

        RawHttp.Answer answer = handshake(pathAndQuery, "Bearer " + token);

        assertEquals("HTTP/1.1 403 Forbidden", answer.statusLine(), answer.body());
        assertEquals("application/json", answer.header("Content-Type"));
        assertTrue(Http.errorMessage(answer.body()).contains(words), answer.body());
    }

    @Test
    void a_token_in_the_header_or_in_the_query_opens_a_socket_on_its_readable_rooms() throws Exception {
        String token = Tokens.hs256("alice").read("team-*", "general").sign();
        try (WsClient byHeader =
                        WsClient.connect(chat.http.webSocketUri("/ws?rooms=team-1,general"), "Bearer " + token);
                WsClient byQuery = WsClient.connect(chat.http.webSocketUri("/ws?access_token=" + token));
                WsClient everything = WsClient.connect(
                        chat.http.webSocketUri("/ws?rooms=*"),
                        "Bearer " + Tokens.hs256("root").read("*").sign())) {
            chat.writer
                    .send(new NewMessage(RoomId.of("team-1"), null, 1, "to the team"))
                    .join();
            chat.writer
                    .send(new NewMessage(RoomId.GENERAL, null, 2, "to everyone"))
                    .join();

            assertEquals("to the team", text(byHeader.next()));
            assertEquals("to everyone", text(byHeader.next()));
            assertEquals("to everyone", text(byQuery.next()), "plain /ws follows the default room");
            assertNull(byQuery.poll(QUIET));
            assertEquals(2, everything.next(2).size());
        }
    }

    @Test
    void a_frame_to_a_room_outside_the_write_rights_gets_an_error_frame_and_the_socket_stays_usable() throws Exception {
        String token = Tokens.hs256("alice").read("*").write("team-*").sign();
        try (WsClient socket = WsClient.connect(chat.http.webSocketUri("/ws?rooms=*"), "Bearer " + token)) {
            socket.sendText("{\"room\": \"general\", \"text\": \"not allowed\"}");

            String refusal = socket.next();
            assertTrue(Http.errorMessage(refusal).contains("may not write to room general"), refusal);

            socket.sendText("{\"room\": \"team-1\", \"text\": \"allowed\"}");
            assertEquals("allowed", text(socket.next()));
            assertFalse(socket.isClosed());
            assertEquals(
                    1,
                    chat.store
                            .readAfter(dev.chatgopher.domain.model.RoomSelection.all(), 0, 10)
                            .size());
        }
    }

    @Test
    void the_author_of_a_frame_is_the_tokens_name_whatever_the_frame_says() throws Exception {
        String token = Tokens.hs256("alice")
                .name("Alice")
                .read("general")
                .write("general")
                .sign();
        try (WsClient socket = WsClient.connect(chat.http.webSocketUri("/ws?access_token=" + token))) {
            socket.sendText("{\"text\": \"hi\", \"author\": \"the queen\"}");

            JsonNode message = JSON.readTree(socket.next());
            assertEquals("Alice", message.get("author").asText());
        }
    }

    @Test
    void a_socket_is_closed_with_1008_token_expired_when_its_token_expires() throws Exception {
        String token = Tokens.hs256("alice")
                .read("general")
                .expiresIn(Duration.ofSeconds(2))
                .sign();
        try (WsClient socket = WsClient.connect(chat.http.webSocketUri("/ws?access_token=" + token))) {
            chat.writer.send(new NewMessage(RoomId.GENERAL, null, 1, "before")).join();
            assertEquals("before", text(socket.next()), "open and delivering until then");

            WsClient.Closed closed = socket.awaitClose();

            assertEquals(1008, closed.code());
            assertEquals("token expired", closed.reason());
        }
    }

    /** An upgrade request on a plain socket, and the answer read off it. */
    private RawHttp.Answer handshake(String pathAndQuery, String authorization) throws IOException {
        try (Socket socket = new Socket("localhost", chat.server.port())) {
            socket.setSoTimeout(10_000);
            String request = "GET " + pathAndQuery + " HTTP/1.1\r\nHost: localhost\r\nUpgrade: websocket\r\n"
                    + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Version: 13\r\n"
                    + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return RawHttp.readAnswer(socket.getInputStream());
        }
    }

    private static String text(String frame) throws IOException {
        return JSON.readTree(frame).get("text").asText();
    }
}
