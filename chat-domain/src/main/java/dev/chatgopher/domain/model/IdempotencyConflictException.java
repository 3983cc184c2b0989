package dev.chatgopher.domain.model;

/** An idempotency key came back with a different message than the one it was first used for. */
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException(IdempotencyKey key, Message original) {
        super(
                "Idempotency-Key '" + key.value() + "' was already used for a different message (id " + original.id()
                        + ")",
                null,
                false,
                false);
    }
}
