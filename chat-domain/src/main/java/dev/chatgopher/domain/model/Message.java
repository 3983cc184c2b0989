package dev.chatgopher.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored message: the id the server gave it (one order over all rooms), its room, its author ({@code null}
 * when none was given), the client's own sequence number, its text, and when the server accepted it (UTC,
 * microsecond precision).
 */
public record Message(long id, RoomId room, Author author, long sequence, String text, Instant createdAt) {

    public Message {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be positive, got " + id);
        }
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }

    /** The message as stored under the given id and time. */
    public static Message stored(long id, NewMessage sent, Instant createdAt) {
        return new Message(id, sent.room(), sent.author(), sent.sequence(), sent.text(), createdAt);
    }
}
