package dev.chatgopher.domain.service;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.StoreUnavailableException;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.domain.port.out.MessageStore;
import java.io.IOException;
import java.util.List;

/** Reads history straight from the store, streaming; refused at once while the store is known to be down. */
public final class ReadHistoryService implements ReadHistoryUseCase {

    private final MessageStore store;
    private final StoreAvailability availability;

    public ReadHistoryService(MessageStore store) {
        this(store, StoreAvailability.assumeAvailable());
    }

    public ReadHistoryService(MessageStore store, StoreAvailability availability) {
        this.store = store;
        this.availability = availability;
    }

    @Override
    public void readRange(TimeRange range, MessageSink sink) throws IOException {
        availability.requireAvailable();
        try {
            store.readRange(range, sink);
        } catch (StoreUnavailableException unavailable) {
            availability.reportUnavailable(unavailable);
            throw unavailable;
        }
    }

    @Override
    public List<Message> readAfter(long afterId, int limit) {
        if (afterId < 0 || limit < 1) {
            throw new IllegalArgumentException(
                    "afterId must be at least 0 and limit at least 1, got " + afterId + ", " + limit);
        }
        availability.requireAvailable();
        try {
            return store.readAfter(afterId, limit);
        } catch (StoreUnavailableException unavailable) {
            availability.reportUnavailable(unavailable);
            throw unavailable;
        }
    }
}
