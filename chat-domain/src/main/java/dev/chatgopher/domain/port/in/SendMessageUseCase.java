package dev.chatgopher.domain.port.in;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import java.util.concurrent.CompletableFuture;

/** Stores a message and, once it is durable, delivers it to every subscriber. */
public interface SendMessageUseCase {

    /**
     * Returns the stored message once it is committed. Fails with {@code InvalidInputException} for a message
     * that breaks a rule (nothing is stored) or {@code StoreUnavailableException} when the store is down.
     */
    CompletableFuture<Message> send(NewMessage message);
}
