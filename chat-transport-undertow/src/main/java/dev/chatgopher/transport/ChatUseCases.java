package dev.chatgopher.transport;

import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.domain.port.in.SendMessageUseCase;
import dev.chatgopher.domain.port.in.SubscribeUseCase;
import dev.chatgopher.domain.service.ChatCore;

/** The use cases the transport drives. */
public record ChatUseCases(SendMessageUseCase send, ReadHistoryUseCase history, SubscribeUseCase subscribe) {

    /** The use cases of an assembled core; the core stays the caller's to close. */
    public static ChatUseCases of(ChatCore core) {
        return new ChatUseCases(core.send(), core.history(), core.subscribe());
    }
}
