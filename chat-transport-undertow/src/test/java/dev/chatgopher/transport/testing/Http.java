package dev.chatgopher.transport.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A real HTTP client (java.net.http) against a server under test. */
public final class Http {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    private final URI base;

    public Http(URI base) {
        this.base = base;
    }

    public static Http onPort(int port) {
        return new Http(URI.create("http://localhost:" + port));
    }

    public URI uri(String pathAndQuery) {
        return base.resolve(pathAndQuery);
    }

    public URI webSocketUri(String pathAndQuery) {
        return URI.create("ws://" + base.getAuthority() + pathAndQuery);
    }

    public HttpResponse<String> postJson(String json) {
        return post(json.getBytes(StandardCharsets.UTF_8), "application/json");
    }

    /** POST /api/messages with an {@code Idempotency-Key} header. */
    public HttpResponse<String> postJson(String json, String idempotencyKey) {
        return send(HttpRequest.newBuilder(uri("/api/messages"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    /** POST a JSON body to any path, such as {@code /api/rooms/random/messages}. */
    public HttpResponse<String> postTo(String path, String json) {
        return send(HttpRequest.newBuilder(uri(path))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build());
    }

    public HttpResponse<String> post(byte[] body, String contentType) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/messages"))
                .timeout(TIMEOUT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return send(request.build());
    }

    public HttpResponse<String> get(String pathAndQuery) {
        return send(
                HttpRequest.newBuilder(uri(pathAndQuery)).timeout(TIMEOUT).GET().build());
    }

    /** GET /api/messages with both parameters URL-encoded. */
    public HttpResponse<String> history(String from, String to) {
        return get("/api/messages?from=" + encode(from) + "&to=" + encode(to));
    }

    public HttpResponse<String> send(HttpRequest request) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("request " + request + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    public HttpClient client() {
        return client;
    }

    /**
     * Asserts that the answer is the API's JSON error: the status, {@code Content-Type: application/json}, and a
     * body of exactly {@code {"error": error}}.
     */
    public static void assertJsonError(HttpResponse<String> response, int status, String error) {
        assertEquals(status, response.statusCode(), response.body());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElse(null),
                response.body());
        try {
            assertEquals(JSON.createObjectNode().put("error", error), JSON.readTree(response.body()));
        } catch (IOException notJson) {
            throw new AssertionError("not a JSON error answer: " + response.body(), notJson);
        }
    }

    /** The words of an error answer: its {@code {"error": "..."}} field. */
    public static String errorMessage(HttpResponse<String> response) {
        return errorMessage(response.body());
    }

    /** The words of an error answer's body: its {@code {"error": "..."}} field. */
    public static String errorMessage(String body) {
        try {
            return JSON.readTree(body).get("error").asText();
        } catch (IOException | NullPointerException notAnError) {
            throw new AssertionError("not a JSON error answer: " + body, notAnError);
        }
    }

    public static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
