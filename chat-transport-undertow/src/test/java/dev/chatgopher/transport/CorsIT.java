package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.transport.origin.AllowedOrigins;
import dev.chatgopher.transport.testing.Http;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CORS for the HTTP API: off by default, on for the configured origins only, with correct preflight answers. */
class CorsIT {

    private static final String ALLOWED = "https://app.example.com";

    @Test
    void without_a_configured_list_a_preflight_is_refused_and_no_answer_is_shared() {
        try (InMemoryChat chat = new InMemoryChat()) {
            HttpResponse<String> preflight = preflight(chat.http, "/api/messages", "http://localhost:5173");
            HttpResponse<String> get = getFrom(chat.http, "/api/rooms", "http://localhost:5173");

            assertEquals(403, preflight.statusCode());
            assertEquals(
                    "application/json",
                    preflight.headers().firstValue("Content-Type").orElseThrow());
            assertEquals(
                    "cross-origin requests from http://localhost:5173 are not allowed on /api/messages",
                    Http.errorMessage(preflight));
            assertEquals(200, get.statusCode());
            assertTrue(get.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
        }
    }

    @Test
    void a_preflight_from_a_configured_origin_is_answered_204_with_what_it_may_send() {
        try (InMemoryChat chat = new InMemoryChat(configured())) {
            HttpResponse<String> preflight = preflight(chat.http, "/api/rooms/general/messages", ALLOWED);

            assertEquals(204, preflight.statusCode());
            assertEquals(ALLOWED, header(preflight, "Access-Control-Allow-Origin"));
            assertEquals("GET, POST", header(preflight, "Access-Control-Allow-Methods"));
            assertEquals(
                    "Authorization, Content-Type, Idempotency-Key", header(preflight, "Access-Control-Allow-Headers"));
            assertEquals("600", header(preflight, "Access-Control-Max-Age"));
            assertTrue(
                    preflight.headers().allValues("Vary").contains("Origin"),
                    preflight.headers().toString());
            assertEquals("", preflight.body());
        }
    }

    @Test
    void a_preflight_from_another_origin_is_refused_403() {
        try (InMemoryChat chat = new InMemoryChat(configured())) {
            HttpResponse<String> preflight = preflight(chat.http, "/api/messages", "https://evil.example");

            assertEquals(403, preflight.statusCode());
            assertTrue(preflight
                    .headers()
                    .firstValue("Access-Control-Allow-Origin")
                    .isEmpty());
        }
    }

    @Test
    void actual_requests_carry_allow_origin_and_vary_only_for_the_configured_origins() {
        try (InMemoryChat chat = new InMemoryChat(configured())) {
            HttpResponse<String> allowed = postFrom(chat.http, ALLOWED);
            HttpResponse<String> other = postFrom(chat.http, "https://evil.example");

            assertEquals(200, allowed.statusCode());
            assertEquals(ALLOWED, header(allowed, "Access-Control-Allow-Origin"));
            assertTrue(allowed.headers().allValues("Vary").contains("Origin"));
            assertEquals("Retry-After", header(allowed, "Access-Control-Expose-Headers"));
            assertEquals(200, other.statusCode(), "CORS decides who may read the answer; the request itself is served");
            assertTrue(other.headers().firstValue("Access-Control-Allow-Origin").isEmpty());
            assertFalse(other.headers().allValues("Vary").contains("Origin"));
            assertTrue(
                    other.headers().firstValue("Access-Control-Expose-Headers").isEmpty());
        }
    }

    @Test
    void an_options_request_that_is_no_preflight_is_still_answered_405_by_the_routes() {
        try (InMemoryChat chat = new InMemoryChat(configured())) {
            HttpResponse<String> options = chat.http.send(HttpRequest.newBuilder(chat.http.uri("/api/messages"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                    .header("Origin", ALLOWED)
                    .build());

            assertEquals(405, options.statusCode());
            assertEquals("GET, POST", header(options, "Allow"));
        }
    }

    private static ServerSettings configured() {
        return InMemoryChat.with(EdgeSettings.DEFAULT.withAllowedOrigins(AllowedOrigins.of(List.of(ALLOWED))));
    }

    private static HttpResponse<String> preflight(Http http, String path, String origin) {
        return http.send(HttpRequest.newBuilder(http.uri(path))
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
                .header("Origin", origin)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "authorization, content-type")
                .build());
    }

    private static HttpResponse<String> getFrom(Http http, String path, String origin) {
        return http.send(HttpRequest.newBuilder(http.uri(path))
                .header("Origin", origin)
                .GET()
                .build());
    }

    private static HttpResponse<String> postFrom(Http http, String origin) {
        return http.send(HttpRequest.newBuilder(http.uri("/api/messages"))
                .header("Origin", origin)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"from a page\"}"))
                .build());
    }

    private static String header(HttpResponse<String> response, String name) {
        return response.headers().firstValue(name).orElseThrow(() -> new AssertionError("no " + name + " header"));
    }
}
