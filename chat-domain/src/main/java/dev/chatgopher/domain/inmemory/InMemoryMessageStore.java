package dev.chatgopher.domain.inmemory;

import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.Submission;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A {@link MessageStore} in memory: for tests and for embedding without a database. Forgets on restart. */
public final class InMemoryMessageStore implements MessageStore {

    private static final Comparator<Message> HISTORY_ORDER =
            Comparator.comparing(Message::createdAt).thenComparingLong(Message::id);

    private record Remembered(Message message, Instant usedAt) {}

    /** In id order, which is also insertion order. */
    private final List<Message> messages = new ArrayList<>();

    private final Map<IdempotencyKey, Remembered> keys = new HashMap<>();
    private long lastId;

    @Override
    public synchronized List<Appended> append(List<Submission> batch, Instant createdAt) {
        List<Appended> results = new ArrayList<>(batch.size());
        for (Submission submission : batch) {
            IdempotencyKey key = submission.idempotencyKey();
            Remembered earlier = key == null ? null : keys.get(key);
            if (earlier != null) {
                results.add(new Appended(earlier.message(), true));
                continue;
            }
            Message stored = new Message(
                    ++lastId,
                    submission.message().sequence(),
                    submission.message().text(),
                    createdAt);
            messages.add(stored);
            if (key != null) {
                keys.put(key, new Remembered(stored, createdAt));
            }
            results.add(new Appended(stored, false));
        }
        return List.copyOf(results);
    }

    @Override
    public void readRange(TimeRange range, MessageSink sink) throws IOException {
        List<Message> matching;
        synchronized (this) {
            matching = messages.stream()
                    .filter(m -> range.contains(m.createdAt()))
                    .sorted(HISTORY_ORDER)
                    .toList();
        }
        for (Message message : matching) {
            sink.accept(message);
        }
    }

    @Override
    public synchronized List<Message> readAfter(long afterId, int limit) {
        int from = firstIndexAfter(afterId);
        return List.copyOf(messages.subList(from, Math.min(messages.size(), from + limit)));
    }

    @Override
    public synchronized int forgetIdempotencyKeysBefore(Instant cutoff) {
        int before = keys.size();
        keys.values().removeIf(remembered -> remembered.usedAt().isBefore(cutoff));
        return before - keys.size();
    }

    /** Binary search: ids are increasing along the list. */
    private int firstIndexAfter(long afterId) {
        int low = 0;
        int high = messages.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (messages.get(middle).id() <= afterId) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
