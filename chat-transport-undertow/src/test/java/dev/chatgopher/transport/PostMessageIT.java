package dev.chatgopher.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.chatgopher.transport.testing.Http;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code POST /api/messages} against a real server: what it stores, what it answers, what it refuses. */
class PostMessageIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @AutoClose
    private final InMemoryChat chat = new InMemoryChat();

    @Test
    void answers_the_stored_message_as_the_original_did() throws Exception {
        chat.clock.set(Instant.parse("2025-02-01T12:00:00Z"));

        HttpResponse<String> response = chat.http.postJson("{\"sequence\": 1, \"text\": \"Hello, World!\"}");

        assertEquals(200, response.statusCode());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(
                "{\"id\":1,\"room\":\"general\",\"author\":null,\"sequence\":1,\"text\":\"Hello, World!\","
                        + "\"created_at\":\"2025-02-01T12:00:00Z\"}",
                response.body());
    }

    @Test
    void created_at_keeps_microseconds_in_utc() throws Exception {
        chat.clock.set(Instant.parse("2025-02-01T12:00:00.123456789Z"));

        JsonNode stored =
                JSON.readTree(chat.http.postJson("{\"text\": \"precise\"}").body());

        assertEquals("2025-02-01T12:00:00.123456Z", stored.get("created_at").asText());
    }

    @Test
    void sequence_defaults_to_zero_and_unknown_fields_are_ignored() throws Exception {
        JsonNode absent = JSON.readTree(chat.http
                .postJson("{\"text\": \"a\", \"meta\": {\"name\": \"x\"}, \"tags\": [1]}")
                .body());

        assertEquals(0, absent.get("sequence").asLong());
        assertEquals(1, absent.get("id").asLong());
    }

    @Test
    void sequence_spans_the_signed_64_bit_range() throws Exception {
        JsonNode max = JSON.readTree(chat.http
                .postJson("{\"sequence\": 9223372036854775807, \"text\": \"max\"}")
                .body());
        JsonNode min = JSON.readTree(chat.http
                .postJson("{\"sequence\": -9223372036854775808, \"text\": \"min\"}")
                .body());

        assertEquals(Long.MAX_VALUE, max.get("sequence").asLong());
        assertEquals(Long.MIN_VALUE, min.get("sequence").asLong());
    }

    @Test
    void counts_characters_not_bytes() throws Exception {
        String cyrillic128 = "Ж".repeat(128);
        String emoji128 = "\uD83D\uDE00".repeat(128);

        assertEquals(
                200, chat.http.postJson("{\"text\": \"" + cyrillic128 + "\"}").statusCode());
        assertEquals(200, chat.http.postJson("{\"text\": \"" + emoji128 + "\"}").statusCode());
        HttpResponse<String> tooLong = chat.http.postJson("{\"text\": \"" + "Ж".repeat(129) + "\"}");
        assertEquals(400, tooLong.statusCode());
        assertEquals("{\"error\":\"text must be 1 to 128 characters long, got 129\"}", tooLong.body());
    }

    @Test
    void accepts_a_missing_content_type_and_json_with_a_utf8_charset() {
        assertEquals(
                200,
                chat.http
                        .post("{\"text\": \"no header\"}".getBytes(StandardCharsets.UTF_8), null)
                        .statusCode());
        assertEquals(
                200,
                chat.http
                        .post(
                                "{\"text\": \"charset\"}".getBytes(StandardCharsets.UTF_8),
                                "application/json; charset=UTF-8")
                        .statusCode());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`{\"text\": \"\"}`                                 | text must not be blank",
                "`{\"text\": \"   \"}`                              | text must not be blank",
                "`{\"sequence\": 1}`                                | text is required",
                "`{\"text\": null}`                                 | text is required",
                "`{\"text\": 5}`                                    | text must be a string",
                "`{\"text\": \"a\\u0000b\"}`                        | text must not contain NUL characters",
                "`{\"text\": \"a\\ud800b\"}`                        | text is not valid Unicode: lone surrogate at index 1",
                "`{\"sequence\": \"1\", \"text\": \"a\"}`           | sequence must be an integer",
                "`{\"sequence\": 1.5, \"text\": \"a\"}`             | sequence must be an integer",
                "`{\"sequence\": 1e3, \"text\": \"a\"}`             | sequence must be an integer",
                "`{\"sequence\": true, \"text\": \"a\"}`            | sequence must be an integer",
                "`{\"sequence\": null, \"text\": \"a\"}`            | sequence must be an integer",
                "`{\"text\": \"\u00a0\u202f\u00a0\"}`                | text must not be blank",
                "`{\"sequence\": 9223372036854775808, \"text\": \"a\"}` | sequence must be an integer from -9223372036854775808 to 9223372036854775807",
                "`[{\"text\": \"a\"}]`                              | expected a JSON object like {\"sequence\": 1, \"text\": \"Hello, World!\"}",
                "`\"just a string\"`                                | expected a JSON object like {\"sequence\": 1, \"text\": \"Hello, World!\"}",
                "``                                                 | expected a JSON object like {\"sequence\": 1, \"text\": \"Hello, World!\"}",
                "`{\"text\": \"a\"} {\"text\": \"b\"}`              | unexpected content after the JSON object",
                "`{\"text\": \"a\", \"author\": 5}`               | author must be a string",
                "`{\"text\": \"a\", \"author\": {\"name\": \"x\"}}` | author must be a string",
                "`{\"text\": \"a\", \"author\": \"\"}`              | author must be 1 to 64 characters, not blank, without control characters",
                "`{\"text\": \"a\", \"author\": \"  \"}`            | author must be 1 to 64 characters, not blank, without control characters, got only spaces",
                "`{\"text\": \"a\", \"author\": \"a\\nb\"}`          | author must be 1 to 64 characters, not blank, without control characters, got U+000A",
            })
    void refuses_bad_input_with_a_clear_json_error_and_stores_nothing(String body, String error) throws Exception {
        HttpResponse<String> response = chat.http.postJson(body);

        Http.assertJsonError(response, 400, error);
        assertEquals(
                "[]",
                chat.http
                        .history("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z")
                        .body());
    }

    @ParameterizedTest
    @CsvSource(
            delimiter = '|',
            quoteCharacter = '`',
            value = {
                "`{\"text\": }`",
                "`{\"text\": \"unterminated}`",
                "`{text: \"a\"}`",
                "`{\"text\": \"a\", \"text\": \"b\"}`",
            })
    void refuses_malformed_json_saying_where(String body) throws Exception {
        HttpResponse<String> response = chat.http.postJson(body);

        assertEquals(400, response.statusCode());
        String error = Http.errorMessage(response);
        assertTrue(error.startsWith("request is not valid JSON (line 1, column "), error);
    }

    @Test
    void refuses_a_body_that_is_not_utf8() throws Exception {
        byte[] latin1 = "{\"text\": \"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);

        HttpResponse<String> response = chat.http.post(latin1, "application/json");

        assertEquals(400, response.statusCode());
        assertEquals("request body is not valid UTF-8", Http.errorMessage(response));
    }

    @Test
    void refuses_a_body_over_the_limit_with_413() throws Exception {
        String huge = "{\"text\": \"" + "x".repeat(70_000) + "\"}";

        HttpResponse<String> response = chat.http.postJson(huge);

        assertEquals(413, response.statusCode());
        assertEquals(
                "application/json",
                response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("request body is larger than 65536 bytes", Http.errorMessage(response));
    }

    @Test
    void refuses_other_media_types_with_415() throws Exception {
        HttpResponse<String> form =
                chat.http.post("text=hello".getBytes(StandardCharsets.UTF_8), "application/x-www-form-urlencoded");
        HttpResponse<String> latin1 = chat.http.post(
                "{\"text\": \"a\"}".getBytes(StandardCharsets.UTF_8), "application/json; charset=iso-8859-1");

        assertEquals(415, form.statusCode());
        assertEquals(
                "Content-Type must be application/json (UTF-8), got application/x-www-form-urlencoded",
                Http.errorMessage(form));
        assertEquals(415, latin1.statusCode());
        assertEquals(
                "application/json", latin1.headers().firstValue("Content-Type").orElseThrow());
    }

    @Test
    void a_retry_with_the_same_idempotency_key_returns_the_same_message() throws Exception {
        HttpResponse<String> first = chat.http.postJson("{\"sequence\": 5, \"text\": \"pay 10\"}", "retry-me-1");
        HttpResponse<String> retry = chat.http.postJson("{\"text\": \"pay 10\", \"sequence\": 5}", "retry-me-1");

        assertEquals(200, first.statusCode());
        assertEquals(200, retry.statusCode());
        assertEquals(first.body(), retry.body());
        assertEquals(
                1,
                JSON.readTree(chat.http
                                .history("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z")
                                .body())
                        .size());
    }

    @Test
    void reusing_an_idempotency_key_for_another_message_is_a_422() throws Exception {
        long id = JSON.readTree(chat.http
                        .postJson("{\"sequence\": 5, \"text\": \"pay 10\"}", "retry-me-2")
                        .body())
                .get("id")
                .asLong();

        HttpResponse<String> reused = chat.http.postJson("{\"sequence\": 5, \"text\": \"pay 1000\"}", "retry-me-2");

        assertEquals(422, reused.statusCode());
        assertEquals(
                "application/json", reused.headers().firstValue("Content-Type").orElseThrow());
        assertEquals(
                "Idempotency-Key 'retry-me-2' was already used for a different message (id " + id + ")",
                Http.errorMessage(reused));
        assertEquals(
                1,
                JSON.readTree(chat.http
                                .history("2000-01-01T00:00:00Z", "2100-01-01T00:00:00Z")
                                .body())
                        .size());
    }

    @Test
    void refuses_an_idempotency_key_that_is_not_visible_ascii_or_too_long() throws Exception {
        for (String key : List.of("has space", "x".repeat(129))) {
            HttpResponse<String> response = chat.http.postJson("{\"text\": \"a\"}", key);

            assertEquals(400, response.statusCode(), key);
            assertEquals("Idempotency-Key must be 1 to 128 visible ASCII characters", Http.errorMessage(response));
        }
        assertEquals(
                200, chat.http.postJson("{\"text\": \"a\"}", "x".repeat(128)).statusCode());
    }

    @Test
    void a_stored_message_is_never_answered_before_it_is_in_history() throws Exception {
        JsonNode stored = JSON.readTree(
                chat.http.postJson("{\"sequence\": 3, \"text\": \"durable\"}").body());

        JsonNode history = JSON.readTree(chat.http
                .history("2025-02-01T12:00:00Z", "2025-02-01T12:00:00Z")
                .body());

        assertEquals(1, history.size());
        assertEquals(stored, history.get(0));
    }
}
