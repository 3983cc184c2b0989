package dev.chatgopher.domain.service;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.domain.port.out.MessageStore;
import java.io.IOException;
import java.util.List;

/** Reads history straight from the store, streaming. */
public final class ReadHistoryService implements ReadHistoryUseCase {

    private final MessageStore store;

    public ReadHistoryService(MessageStore store) {
        this.store = store;
    }

    @Override
    public void readRange(TimeRange range, MessageSink sink) throws IOException {
        store.readRange(range, sink);
    }

    @Override
    public List<Message> readAfter(long afterId, int limit) {
        if (afterId < 0 || limit < 1) {
            throw new IllegalArgumentException("afterId must be at least 0 and limit at least 1, got " + afterId + ", " + limit);
        }
        return store.readAfter(afterId, limit);
    }
}
