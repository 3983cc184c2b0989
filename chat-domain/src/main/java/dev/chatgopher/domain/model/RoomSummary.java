package dev.chatgopher.domain.model;

import java.time.Instant;
import java.util.Objects;

/** A room as listed: how many messages it holds, and its newest one's id and time. */
public record RoomSummary(RoomId room, long messages, long lastId, Instant lastAt) {

    public RoomSummary {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(lastAt, "lastAt");
    }

    /** The summary of a room whose only message is this one. */
    public static RoomSummary of(Message message) {
        return new RoomSummary(message.room(), 1, message.id(), message.createdAt());
    }

    /** This summary with {@code later}, a newer message of the same room, added. */
    public RoomSummary plus(RoomSummary later) {
        return new RoomSummary(room, messages + later.messages, later.lastId, later.lastAt);
    }
}
