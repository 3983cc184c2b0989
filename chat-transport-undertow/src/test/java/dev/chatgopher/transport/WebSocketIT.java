package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.WsClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** {@code /ws} against a real server with real WebSocket clients. */
class WebSocketIT {

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void a_post_reaches_every_connected_client_as_the_bare_message_json() throws Exception {
        try (WsClient alice = WsClient.connect(chat.http.webSocketUri("/ws"));
                WsClient bob = WsClient.connect(chat.http.webSocketUri("/ws"))) {
            HttpResponse<String> posted = chat.http.postJson("{\"sequence\": 1, \"text\": \"Hello, World!\"}");

            assertEquals(posted.body(), alice.next());
            assertEquals(posted.body(), bob.next());
        }
    }

    @Test
    void messages_arrive_in_the_order_they_were_stored() throws Exception {
        try (WsClient client = WsClient.connect(chat.http.webSocketUri("/ws"))) {
            String first =
                    chat.http.postJson("{\"sequence\": 1, \"text\": \"one\"}").body();
            String second =
                    chat.http.postJson("{\"sequence\": 2, \"text\": \"two\"}").body();
            String third =
                    chat.http.postJson("{\"sequence\": 3, \"text\": \"three\"}").body();

            assertEquals(List.of(first, second, third), client.next(3));
        }
    }

    @Test
    void a_client_sees_only_what_was_sent_after_it_connected() throws Exception {
        chat.http.postJson("{\"text\": \"before\"}");
        try (WsClient client = WsClient.connect(chat.http.webSocketUri("/ws"))) {
            String after = chat.http.postJson("{\"text\": \"after\"}").body();

            assertEquals(after, client.next());
            assertNull(client.poll(Duration.ofMillis(200)));
        }
    }

    @Test
    void a_plain_get_without_upgrade_is_a_json_400() throws Exception {
        HttpResponse<String> response = chat.http.get("/ws");

        Http.assertJsonError(response, 400, "this endpoint speaks WebSocket: send an HTTP/1.1 Upgrade request");
    }

    @Test
    void a_binary_frame_is_refused_with_1003() {
        try (WsClient client = WsClient.connect(chat.http.webSocketUri("/ws"))) {
            client.sendBinary(new byte[] {1, 2, 3});

            assertEquals(1003, client.awaitClose().code());
        }
    }

    @Test
    void an_oversize_frame_is_refused_with_1009() {
        try (WsClient client = WsClient.connect(chat.http.webSocketUri("/ws"))) {
            client.sendText("{\"text\": \"" + "x".repeat(70_000) + "\"}");

            assertEquals(1009, client.awaitClose().code());
        }
    }

    @Test
    void shutting_down_closes_every_session_with_1001() {
        WsClient client = WsClient.connect(chat.http.webSocketUri("/ws"));

        chat.close();

        WsClient.Closed closed = client.awaitClose();
        assertEquals(1001, closed.code());
        assertEquals("server shutting down", closed.reason());
    }
}
