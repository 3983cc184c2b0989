package dev.chatgopher.domain.port.out;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** Durable storage of messages, the single source of truth for ids and history. */
public interface MessageStore {

    /**
     * Stores the whole batch in one transaction, all with the given creation time. Returns the stored
     * messages in batch order, with ids that increase in that order and exceed every id committed before.
     *
     * @throws StoreUnavailableException when the store cannot be reached; nothing was stored
     */
    List<Message> append(List<NewMessage> batch, Instant createdAt);

    /**
     * Passes every message created within the range to the sink, ordered by creation time then id, reading
     * them incrementally so that memory does not grow with the size of the range. An exception thrown by the
     * sink stops the read and is rethrown.
     *
     * @throws StoreUnavailableException when the store cannot be reached
     */
    void readRange(TimeRange range, MessageSink sink) throws IOException;
}
