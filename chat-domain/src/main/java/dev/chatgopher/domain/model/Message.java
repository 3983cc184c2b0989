package dev.chatgopher.domain.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A stored message: the id the server gave it, the client's own sequence number, its text, and when the
 * server accepted it (UTC, microsecond precision).
 */
public record Message(long id, long sequence, String text, Instant createdAt) {

    public Message {
        if (id <= 0) {
            throw new IllegalArgumentException("id must be positive, got " + id);
        }
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(createdAt, "createdAt");
    }
}
