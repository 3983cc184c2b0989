package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.domain.port.out.Submission;
import dev.chatgopher.transport.testing.Http;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /api/messages?from=&to=} against a real server. */
class HistoryIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void includes_both_ends_oldest_first() throws Exception {
        List<Long> ids = new ArrayList<>();
        for (int minute = 0; minute < 5; minute++) {
            chat.clock.set(Instant.parse("2025-02-01T12:00:00Z").plus(Duration.ofMinutes(minute)));
            ids.add(JSON.readTree(chat.http
                            .postJson("{\"sequence\": " + minute + ", \"text\": \"m" + minute + "\"}")
                            .body())
                    .get("id")
                    .asLong());
        }

        HttpResponse<String> response = chat.http.history("2025-02-01T12:01:00Z", "2025-02-01T12:03:00Z");

        assertEquals(200, response.statusCode());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(List.of(ids.get(1), ids.get(2), ids.get(3)), idsOf(JSON.readTree(response.body())));
    }

    @Test
    void honours_offsets_in_from_and_to() throws Exception {
        chat.clock.set(Instant.parse("2025-02-01T12:00:00Z"));
        chat.http.postJson("{\"text\": \"noon in UTC\"}");

        JsonNode moscow = JSON.readTree(chat.http
                .history("2025-02-01T15:00:00+03:00", "2025-02-01T15:00:00+03:00")
                .body());
        JsonNode newYork = JSON.readTree(chat.http
                .history("2025-02-01T06:59:59-05:00", "2025-02-01T07:00:00.000-05:00")
                .body());
        JsonNode earlierInMoscow = JSON.readTree(chat.http
                .history("2025-02-01T14:00:00+03:00", "2025-02-01T14:59:59+03:00")
                .body());

        assertEquals(1, moscow.size());
        assertEquals(1, newYork.size());
        assertEquals(0, earlierInMoscow.size());
    }

    @Test
    void reads_an_unencoded_plus_that_arrived_as_a_space() throws Exception {
        chat.clock.set(Instant.parse("2025-02-01T12:00:00Z"));
        chat.http.postJson("{\"text\": \"noon in UTC\"}");

        HttpResponse<String> response =
                chat.http.get("/api/messages?from=2025-02-01T15:00:00+03:00&to=2025-02-01T16:00:00+03:00");

        assertEquals(200, response.statusCode(), response.body());
        assertEquals(1, JSON.readTree(response.body()).size());
    }

    @Test
    void an_empty_range_is_an_empty_array_not_null() {
        HttpResponse<String> response = chat.http.history("2025-02-01T00:00:00Z", "2025-02-10T23:59:59Z");

        assertEquals(200, response.statusCode());
        assertEquals("[]", response.body());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "/api/messages                                                   | from is required: an RFC 3339 timestamp such as 2025-02-01T00:00:00Z",
                "/api/messages?from=2025-02-01T00:00:00Z                         | to is required: an RFC 3339 timestamp such as 2025-02-01T00:00:00Z",
                "/api/messages?from=&to=2025-02-01T00:00:00Z                     | from is required: an RFC 3339 timestamp such as 2025-02-01T00:00:00Z",
                "/api/messages?from=2025-02-01&to=2025-02-02                     | from must be an RFC 3339 timestamp such as 2025-02-01T00:00:00Z, got '2025-02-01'",
                "/api/messages?from=2025-02-01T00:00:00&to=2025-02-02T00:00:00Z  | from must be an RFC 3339 timestamp such as 2025-02-01T00:00:00Z, got '2025-02-01T00:00:00'",
                "/api/messages?from=2025-02-01T00:00Z&to=2025-02-02T00:00:00Z    | from must be an RFC 3339 timestamp such as 2025-02-01T00:00:00Z, got '2025-02-01T00:00Z'",
                "/api/messages?from=2025-02-30T00:00:00Z&to=2025-03-02T00:00:00Z | from must be an RFC 3339 timestamp such as 2025-02-01T00:00:00Z, got '2025-02-30T00:00:00Z'",
                "/api/messages?from=yesterday&to=2025-02-02T00:00:00Z            | from must be an RFC 3339 timestamp such as 2025-02-01T00:00:00Z, got 'yesterday'",
                "/api/messages?from=2025-02-02T00:00:00Z&to=2025-02-01T00:00:00Z | from must not be after to",
                "/api/messages?from=2025-02-01T00:00:00Z&from=2025-02-01T00:00:00Z&to=2025-02-02T00:00:00Z | from must be given once",
            })
    void refuses_bad_parameters_with_400(String pathAndQuery, String error) throws Exception {
        HttpResponse<String> response = chat.http.get(pathAndQuery);

        Http.assertJsonError(response, 400, error);
    }

    @Test
    void streams_a_large_range_in_order() throws Exception {
        int count = 50_000;
        Instant at = Instant.parse("2025-03-01T00:00:00Z");
        List<Submission> batch = IntStream.range(0, count)
                .mapToObj(i -> Submission.of(InMemoryChat.general(i, "message number " + i)))
                .toList();
        chat.store.append(batch, at);

        HttpRequest request = HttpRequest.newBuilder(
                        chat.http.uri("/api/messages?from=2025-03-01T00:00:00Z&to=2025-03-01T00:00:00Z"))
                .GET()
                .build();
        HttpResponse<InputStream> response =
                chat.http.client().send(request, HttpResponse.BodyHandlers.ofInputStream());

        assertEquals(200, response.statusCode());
        assertTrue(
                response.headers().firstValue("Content-Length").isEmpty(), "a streamed answer has no Content-Length");
        long seen = 0;
        long lastId = 0;
        try (JsonParser parser = JSON.getFactory().createParser(response.body())) {
            assertEquals(JsonToken.START_ARRAY, parser.nextToken());
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                JsonNode message = JSON.readTree(parser);
                assertTrue(message.get("id").asLong() > lastId);
                lastId = message.get("id").asLong();
                assertEquals(seen, message.get("sequence").asLong());
                seen++;
            }
        }
        assertEquals(count, seen);
    }

    private static List<Long> idsOf(JsonNode array) {
        List<Long> ids = new ArrayList<>();
        array.forEach(message -> ids.add(message.get("id").asLong()));
        return ids;
    }
}
