package dev.chatgopher.transport.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.chatgopher.domain.model.Author;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomSummary;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class MessageJsonTest {

    @Test
    void writes_id_room_author_sequence_text_created_at_in_that_order_author_null_when_none() {
        Message message =
                new Message(1, RoomId.GENERAL, null, 1, "Hello, World!", Instant.parse("2025-02-01T12:00:00Z"));

        assertEquals(
                "{\"id\":1,\"room\":\"general\",\"author\":null,\"sequence\":1,\"text\":\"Hello, World!\","
                        + "\"created_at\":\"2025-02-01T12:00:00Z\"}",
                new String(MessageJson.encode(message), StandardCharsets.UTF_8));
    }

    @Test
    void shows_microseconds_when_there_are_some_and_escapes_the_text_and_the_author() {
        Message message = new Message(
                9,
                RoomId.of("team-42"),
                new Author("Анна \"A\""),
                -3,
                "say \"hi\"\n<b>Привет</b>",
                Instant.parse("2025-02-01T12:00:00.000123Z"));

        assertEquals(
                "{\"id\":9,\"room\":\"team-42\",\"author\":\"Анна \\\"A\\\"\",\"sequence\":-3,"
                        + "\"text\":\"say \\\"hi\\\"\\n<b>Привет</b>\",\"created_at\":\"2025-02-01T12:00:00.000123Z\"}",
                new String(MessageJson.encode(message), StandardCharsets.UTF_8));
    }

    @Test
    void a_room_summary_has_its_four_fields_with_the_time_as_in_a_message() throws Exception {
        RoomSummary summary = new RoomSummary(RoomId.of("random"), 3, 7, Instant.parse("2025-02-01T12:00:00.120Z"));

        try (ByteArrayBuilder bytes = new ByteArrayBuilder()) {
            try (JsonGenerator generator = Json.FACTORY.createGenerator(bytes)) {
                RoomSummaryJson.write(generator, summary);
            }
            assertEquals(
                    "{\"room\":\"random\",\"messages\":3,\"last_id\":7,\"last_at\":\"2025-02-01T12:00:00.120Z\"}",
                    new String(bytes.toByteArray(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void errors_have_one_shape() {
        assertEquals(
                "{\"error\":\"from must not be after to\"}",
                new String(ErrorJson.encode("from must not be after to"), StandardCharsets.UTF_8));
    }
}
