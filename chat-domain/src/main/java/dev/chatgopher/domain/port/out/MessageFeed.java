package dev.chatgopher.domain.port.out;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.port.MessageListener;
import dev.chatgopher.domain.port.Subscription;
import java.util.List;

/** Carries committed messages to every subscriber, in id order. */
public interface MessageFeed {

    /**
     * Announces a committed batch. Callers publish one batch at a time, in increasing id order, and only
     * after the batch is durable.
     */
    void publish(List<Message> committed);

    /** Registers a listener for every batch published from now on. */
    Subscription subscribe(MessageListener listener);
}
