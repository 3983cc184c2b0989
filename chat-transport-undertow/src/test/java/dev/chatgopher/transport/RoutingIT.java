package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatgopher.transport.testing.Http;
import dev.chatgopher.transport.testing.RequestCounts;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/** Unknown paths and wrong methods get JSON errors too. */
class RoutingIT {

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void an_unknown_path_is_a_json_404() throws Exception {
        HttpResponse<String> response = chat.http.get("/api/nope");

        Http.assertJsonError(response, 404, "no such endpoint: /api/nope");
    }

    @Test
    void a_wrong_method_is_a_json_405_naming_the_right_ones() throws Exception {
        HttpResponse<String> response = chat.http.send(HttpRequest.newBuilder(chat.http.uri("/api/messages"))
                .method("DELETE", HttpRequest.BodyPublishers.noBody())
                .build());

        Http.assertJsonError(response, 405, "method DELETE is not allowed on /api/messages; use GET or POST");
        assertEquals("GET, POST", response.headers().firstValue("Allow").orElseThrow());
    }

    @Test
    void a_lower_case_method_is_a_405_not_the_upper_case_route() {
        HttpResponse<String> response = chat.http.send(HttpRequest.newBuilder(chat.http.uri("/api/messages"))
                .method("post", HttpRequest.BodyPublishers.ofString("{\"text\": \"never stored\"}"))
                .build());

        Http.assertJsonError(response, 405, "method post is not allowed on /api/messages; use GET or POST");
        assertEquals("GET, POST", response.headers().firstValue("Allow").orElseThrow());
        assertEquals("[]", chat.http.get("/api/rooms").body());
    }

    @Test
    void made_up_methods_are_counted_as_other_so_they_cannot_make_new_meters() {
        for (String method : List.of("BREW1", "BREW2", "BREW3")) {
            chat.http.send(HttpRequest.newBuilder(chat.http.uri("/api/nope"))
                    .method(method, HttpRequest.BodyPublishers.noBody())
                    .build());
        }
        chat.http.get("/api/nope");

        assertEquals(3, RequestCounts.await(chat.meters, 3, "method", "other"));
        assertEquals(1, RequestCounts.await(chat.meters, 1, "method", "GET"));
        assertEquals(
                Set.of("other", "GET"),
                chat.meters.find("chat.http.requests").counters().stream()
                        .map(counter -> counter.getId().getTag("method"))
                        .collect(Collectors.toSet()));
    }
}
