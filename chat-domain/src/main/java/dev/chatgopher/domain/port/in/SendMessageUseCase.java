package dev.chatgopher.domain.port.in;

import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import java.util.concurrent.CompletableFuture;

/** Stores a message and, once it is durable, delivers it to every subscriber. */
public interface SendMessageUseCase {

    /** Sends without an idempotency key. */
    default CompletableFuture<Message> send(NewMessage message) {
        return send(message, null);
    }

    /**
     * Returns the stored message once it is committed. With an idempotency key ({@code null} for none) that was
     * already used for the same message, returns that earlier message instead of storing it again.
     * Fails with {@code InvalidInputException} for a message that breaks a rule, {@code IdempotencyConflictException}
     * for a known key with a different message, {@code OverloadedException} when too many sends are waiting, and
     * {@code StoreUnavailableException} when the store is down; in each case nothing new is stored.
     */
    CompletableFuture<Message> send(NewMessage message, IdempotencyKey idempotencyKey);
}
