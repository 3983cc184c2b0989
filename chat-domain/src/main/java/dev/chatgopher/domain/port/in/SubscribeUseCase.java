package dev.chatgopher.domain.port.in;

import dev.chatgopher.domain.port.MessageListener;
import dev.chatgopher.domain.port.Subscription;

/** Follows messages live, as they are committed. */
public interface SubscribeUseCase {

    /** Delivers every message committed from now on, in increasing id order, until the subscription is closed. */
    Subscription subscribe(MessageListener listener);
}
