package dev.chatgopher.transport.json;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.chatgopher.domain.model.RoomSummary;
import java.io.IOException;

/**
 * The wire form of a listed room: {@code {"room":"general","messages":3,"last_id":7,"last_at":"2025-02-01T12:00:00Z"}},
 * the time written as in a message's {@code created_at}.
 */
public final class RoomSummaryJson {

    private RoomSummaryJson() {}

    public static void write(JsonGenerator generator, RoomSummary summary) throws IOException {
        generator.writeStartObject();
        generator.writeStringField("room", summary.room().value());
        generator.writeNumberField("messages", summary.messages());
        generator.writeNumberField("last_id", summary.lastId());
        generator.writeStringField("last_at", Rfc3339Json.format(summary.lastAt()));
        generator.writeEndObject();
    }
}
