package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatgopher.domain.inmemory.InMemoryMessageStore;
import dev.chatgopher.domain.service.ChatCore;
import dev.chatgopher.transport.health.Readiness;
import dev.chatgopher.transport.testing.Http;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
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

    @Test
    void a_lower_case_method_is_a_405_not_the_upper_case_route() {
        HttpResponse<String> response = chat.http.send(HttpRequest.newBuilder(chat.http.uri("/api/messages"))
                .method("post", HttpRequest.BodyPublishers.ofString("{\"text\": \"never stored\"}"))
                .build());

        assertEquals(405, response.statusCode());
        assertEquals("GET, POST", response.headers().firstValue("Allow").orElseThrow());
        assertEquals("method post is not allowed on /api/messages; use GET or POST", Http.errorMessage(response));
        assertEquals("[]", chat.http.get("/api/rooms").body());
    }

    @Test
    void made_up_methods_are_counted_as_other_so_they_cannot_make_new_meters() {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        try (ChatCore core = ChatCore.over(new InMemoryMessageStore()).start();
                ChatServer server = ChatServer.start(
                        ServerSettings.ephemeral(),
                        ChatUseCases.of(core),
                        new ServerOperations(meters, () -> "", Readiness.ALWAYS))) {
            Http http = Http.onPort(server.port());
            for (String method : List.of("BREW1", "BREW2", "BREW3")) {
                http.send(HttpRequest.newBuilder(http.uri("/api/nope"))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build());
            }
            http.get("/api/nope");

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while ((counted(meters, "other") < 3 || counted(meters, "GET") < 1) && System.nanoTime() < deadline) {
                Thread.yield();
            }
            assertEquals(3, counted(meters, "other"));
            assertEquals(
                    Set.of("other", "GET"),
                    meters.find("chat.http.requests").counters().stream()
                            .map(counter -> counter.getId().getTag("method"))
                            .collect(Collectors.toSet()));
        }
    }

    private static double counted(SimpleMeterRegistry meters, String method) {
        return meters.find("chat.http.requests").tag("method", method).counters().stream()
                .mapToDouble(counter -> counter.count())
                .sum();
    }
}
