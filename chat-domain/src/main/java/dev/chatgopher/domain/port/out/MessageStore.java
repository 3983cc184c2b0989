package dev.chatgopher.domain.port.out;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.OutcomeUnknownException;
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
     * committed before, on every node sharing the store. A submission whose idempotency key is already
     * remembered (from an earlier batch, or earlier in this one) is not stored again: it is answered with the
     * message first stored under that key.
     *
     * @throws StoreUnavailableException when the store cannot be reached; nothing was stored
     * @throws OutcomeUnknownException when the connection broke while the commit was on its way: it may be stored
     */
    List<Appended> append(List<Submission> batch, Instant createdAt);

    /**
     * Passes every message created within the range to the sink, ordered by creation time then id, reading
     * them incrementally so that memory does not grow with the size of the range. An exception thrown by the
     * sink stops the read and is rethrown.
     *
     * @throws StoreUnavailableException when the store cannot be reached
     */
    void readRange(TimeRange range, MessageSink sink) throws IOException;

    /**
     * Returns up to {@code limit} messages with ids greater than {@code afterId}, in increasing id order.
     *
     * @throws StoreUnavailableException when the store cannot be reached
     */
    List<Message> readAfter(long afterId, int limit);

    /** Forgets idempotency keys first used before the cutoff, so that they may be used again; returns how many. */
    int forgetIdempotencyKeysBefore(Instant cutoff);
}
