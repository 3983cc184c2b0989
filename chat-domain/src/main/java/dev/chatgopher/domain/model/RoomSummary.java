package dev.chatgopher.domain.model;

import java.time.Instant;
import java.util.Objects;

/** A room as listed: how many messages it holds, and its newest one's id and time. */
public record RoomSummary(RoomId room, long messages, long lastId, Instant lastAt) {

    public RoomSummary {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(lastAt, "lastAt");
    }
}
