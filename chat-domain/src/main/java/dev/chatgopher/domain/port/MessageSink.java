package dev.chatgopher.domain.port;

import dev.chatgopher.domain.model.Message;
import java.io.IOException;

/** Receives messages one at a time as they are read, so a reader never has to hold them all. */
@FunctionalInterface
public interface MessageSink {

    void accept(Message message) throws IOException;
}
