package dev.chatgopher.domain.port.out;

import dev.chatgopher.domain.model.Message;

/**
 * What became of one submission: the message stored now, or, when its idempotency key was already known, the
 * message stored earlier under that key ({@code alreadyStored}), in which case nothing new was written.
 */
public record Appended(Message message, boolean alreadyStored) {}
