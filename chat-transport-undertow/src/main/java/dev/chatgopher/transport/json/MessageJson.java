package dev.chatgopher.transport.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.chatgopher.domain.model.Message;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.format.DateTimeFormatter;

/**
 * The wire form of a message, as the original server wrote it:
 * {@code {"created_at":"2025-02-01T12:00:00Z","id":1,"sequence":1,"text":"Hello, World!"}}.
 */
public final class MessageJson {

    private MessageJson() {}

    public static void write(JsonGenerator generator, Message message) throws IOException {
        generator.writeStartObject();
        // RFC 3339 in UTC with a Z; the fraction shows only as many digits as it needs (0, 3 or 6).
        generator.writeStringField("created_at", DateTimeFormatter.ISO_INSTANT.format(message.createdAt()));
        generator.writeNumberField("id", message.id());
        generator.writeNumberField("sequence", message.sequence());
        generator.writeStringField("text", message.text());
        generator.writeEndObject();
    }

    /** The message as UTF-8 JSON bytes. */
    public static byte[] encode(Message message) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(128)) {
            try (JsonGenerator generator = Json.FACTORY.createGenerator(bytes)) {
                write(generator, message);
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }
}
