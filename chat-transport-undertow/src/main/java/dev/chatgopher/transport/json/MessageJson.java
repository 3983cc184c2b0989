package dev.chatgopher.transport.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.chatgopher.domain.model.Message;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The wire form of a message: the original server's four fields, with the room and the author ({@code null} when
 * there is none) after the id:
 * {@code {"id":1,"room":"general","author":null,"sequence":1,"text":"Hello, World!","created_at":"2025-02-01T12:00:00Z"}}.
 */
public final class MessageJson {

    private MessageJson() {}

    public static void write(JsonGenerator generator, Message message) throws IOException {
        generator.writeStartObject();
        generator.writeNumberField("id", message.id());
        generator.writeStringField("room", message.room().value());
        if (message.author() == null) {
            generator.writeNullField("author");
        } else {
            generator.writeStringField("author", message.author().name());
        }
        generator.writeNumberField("sequence", message.sequence());
        generator.writeStringField("text", message.text());
        generator.writeStringField("created_at", Rfc3339Json.format(message.createdAt()));
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
