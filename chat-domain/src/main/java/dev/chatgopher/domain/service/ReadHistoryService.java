package dev.chatgopher.domain.service;

import dev.chatgopher.domain.model.HistoryPage;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.model.StoreUnavailableException;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.domain.port.out.MessageStore;
import java.io.IOException;
import java.util.List;
import java.util.function.Supplier;

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
    public void readRange(RoomId room, TimeRange range, MessageSink sink) throws IOException {
        availability.requireAvailable();
        try {
            store.readRange(room, range, sink);
        } catch (StoreUnavailableException unavailable) {
            availability.reportUnavailable(unavailable);
            throw unavailable;
        }
    }

    @Override
    public List<Message> readPage(RoomId room, HistoryPage page) {
        return reading(() -> store.readPage(room, page));
    }

    @Override
    public List<Message> readAfter(RoomSelection rooms, long afterId, int limit) {
        if (afterId < 0 || limit < 1) {
            throw new IllegalArgumentException(
                    "afterId must be at least 0 and limit at least 1, got " + afterId + ", " + limit);
        }
        return reading(() -> store.readAfter(rooms, afterId, limit));
    }

    @Override
    public List<RoomSummary> listRooms(RoomListing listing) {
        return reading(() -> store.listRooms(listing));
    }

    private <T> T reading(Supplier<T> read) {
        availability.requireAvailable();
        try {
            return read.get();
        } catch (StoreUnavailableException unavailable) {
            availability.reportUnavailable(unavailable);
            throw unavailable;
        }
    }
}
