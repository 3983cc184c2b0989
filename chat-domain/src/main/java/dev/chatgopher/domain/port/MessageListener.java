package dev.chatgopher.domain.port;

import dev.chatgopher.domain.model.Message;
import java.util.List;

/** Told about committed messages, batch by batch, in increasing id order. */
@FunctionalInterface
public interface MessageListener {

    /** Called with a non-empty batch in increasing id order; must return quickly and must not block. */
    void onMessages(List<Message> batch);
}
