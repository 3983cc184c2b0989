package dev.chatgopher.transport.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The one error shape of the API: {@code {"error": "..."}}. */
public final class ErrorJson {

    private ErrorJson() {}

    public static byte[] encode(String message) {
        return encode(message, -1);
    }

    /** The error with the milliseconds to wait before trying again: {@code {"error":"...","retryAfterMs":N}}. */
    public static byte[] encodeWithRetry(String message, long retryAfterMs) {
        return encode(message, retryAfterMs);
    }

    private static byte[] encode(String message, long retryAfterMs) {
        try (ByteArrayBuilder bytes = new ByteArrayBuilder(64)) {
            try (JsonGenerator generator = Json.FACTORY.createGenerator(bytes)) {
                generator.writeStartObject();
                generator.writeStringField("error", message);
                if (retryAfterMs >= 0) {
                    generator.writeNumberField("retryAfterMs", retryAfterMs);
                }
                generator.writeEndObject();
            }
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
    }
}
