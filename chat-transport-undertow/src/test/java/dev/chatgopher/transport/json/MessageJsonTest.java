package dev.chatgopher.transport.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatgopher.domain.model.Message;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageJsonTest {

    @Test
    void writes_the_original_field_names_and_rfc3339_in_utc() {
        Message message = new Message(1, 1, "Hello, World!", Instant.parse("2025-02-01T12:00:00Z"));

        assertEquals(
                "{\"created_at\":\"2025-02-01T12:00:00Z\",\"id\":1,\"sequence\":1,\"text\":\"Hello, World!\"}",
                new String(MessageJson.encode(message), StandardCharsets.UTF_8));
    }

    @Test
    void shows_microseconds_when_there_are_some_and_escapes_the_text() {
        Message message = new Message(9, -3, "say \"hi\"\n<b>Привет</b>", Instant.parse("2025-02-01T12:00:00.000123Z"));

        assertEquals(
                "{\"created_at\":\"2025-02-01T12:00:00.000123Z\",\"id\":9,\"sequence\":-3,\"text\":\"say \\\"hi\\\"\\n<b>Привет</b>\"}",
                new String(MessageJson.encode(message), StandardCharsets.UTF_8));
    }

    @Test
    void errors_have_one_shape() {
        assertEquals(
                "{\"error\":\"from must not be after to\"}",
                new String(ErrorJson.encode("from must not be after to"), StandardCharsets.UTF_8));
    }
}
