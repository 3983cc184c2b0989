package dev.chatgopher.transport;

import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.domain.port.in.SendMessageUseCase;
import dev.chatgopher.domain.port.in.SubscribeUseCase;

/** The use cases the transport drives. */
public record ChatUseCases(SendMessageUseCase send, ReadHistoryUseCase history, SubscribeUseCase subscribe) {}
