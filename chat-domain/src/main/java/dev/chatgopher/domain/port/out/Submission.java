package dev.chatgopher.domain.port.out;

import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.NewMessage;
import java.util.Objects;

/** A message to store, with the idempotency key it was sent under, or {@code null} when it has none. */
public record Submission(NewMessage message, IdempotencyKey idempotencyKey) {

    public Submission {
        Objects.requireNonNull(message, "message");
    }

    public static Submission of(NewMessage message) {
        return new Submission(message, null);
    }
}
