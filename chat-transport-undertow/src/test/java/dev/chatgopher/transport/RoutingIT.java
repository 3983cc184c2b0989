package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatgopher.transport.testing.Http;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Unknown paths and wrong methods get JSON errors too. */
class RoutingIT {

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void an_unknown_path_is_a_json_404() throws Exception {
        HttpResponse<String> response = chat.http.get("/api/nope");

        assertEquals(404, response.statusCode());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("no such endpoint: /api/nope", Http.errorMessage(response));
    }

    @Test
    void a_wrong_method_is_a_json_405_naming_the_right_ones() throws Exception {
        HttpResponse<String> response = chat.http.send(HttpRequest.newBuilder(chat.http.uri("/api/messages"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build());

        assertEquals(405, response.statusCode());
        assertEquals("GET, POST", response.headers().firstValue("Allow").orElseThrow());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("method DELETE is not allowed on /api/messages; use GET or POST", Http.errorMessage(response));
    }
}
