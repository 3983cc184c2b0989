package dev.chatgopher.domain.port.out;

import dev.chatgopher.domain.model.HistoryPage;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.OutcomeUnknownException;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.model.StoreUnavailableException;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/** Durable storage of messages, the single source of truth for ids and history. */
public interface MessageStore {

    /**
     * Stores the batch in one transaction, all with the given creation time, and answers one {@link Appended}
     * per submission, in batch order. New messages get ids that increase in batch order and exceed every id
     * committed before, on every node sharing the store. Which submissions are repeats of a remembered
     * idempotency key is decided by {@link IdempotentAppend}; the store answers which keys it knows, inside the
     * same transaction. The room summaries ({@link #listRooms}) are brought up to date in that transaction too.
     *
     * @throws StoreUnavailableException when the store cannot be reached; nothing was stored
     * @throws OutcomeUnknownException when the connection broke while the commit was on its way: it may be stored
     */
    List<Appended> append(List<Submission> batch, Instant createdAt);

    /**
     * Passes every message of the room created within the range to the sink, ordered by creation time then id,
     * reading them incrementally so that memory does not grow with the size of the range. An exception thrown by
     * the sink stops the read and is rethrown.
     *
     * @throws StoreUnavailableException when the store cannot be reached
     */
    void readRange(RoomId room, TimeRange range, MessageSink sink) throws IOException;

    /**
     * Returns one page of the room's messages by id, oldest first.
     *
     * @throws StoreUnavailableException when the store cannot be reached
     */
    List<Message> readPage(RoomId room, HistoryPage page);

    /**
     * Returns up to {@code limit} messages of the selected rooms with ids greater than {@code afterId}, in
     * increasing id order: one page of catching up.
     *
     * @throws StoreUnavailableException when the store cannot be reached
     */
    List<Message> readAfter(RoomSelection rooms, long afterId, int limit);

    /**
     * Returns the rooms that have messages, most recently active first (by their newest id), from the summaries
     * kept by {@link #append}, never by counting messages.
     *
     * @throws StoreUnavailableException when the store cannot be reached
     */
    List<RoomSummary> listRooms(RoomListing listing);

    /** Forgets idempotency keys first used before the cutoff, so that they may be used again; returns how many. */
    int forgetIdempotencyKeysBefore(Instant cutoff);
}
