package dev.chatgopher.domain.inmemory;

import dev.chatgopher.domain.model.HistoryPage;
import dev.chatgopher.domain.model.IdempotencyKey;
import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.model.RoomListing;
import dev.chatgopher.domain.model.RoomSelection;
import dev.chatgopher.domain.model.RoomSummary;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.IdempotentAppend;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.port.out.Submission;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A {@link MessageStore} in memory: for tests and for embedding without a database. Forgets on restart. */
public final class InMemoryMessageStore implements MessageStore {

    private static final Comparator<Message> HISTORY_ORDER =
            Comparator.comparing(Message::createdAt).thenComparingLong(Message::id);
    private static final Comparator<RoomSummary> MOST_RECENT_FIRST =
            Comparator.comparingLong(RoomSummary::lastId).reversed();

    private record Remembered(Message message, Instant usedAt) {}

    /** Every message in id order, which is also insertion order. */
    private final List<Message> messages = new ArrayList<>();
    /** Each room's messages, in id order. */
    private final Map<RoomId, List<Message>> rooms = new HashMap<>();

    private final Map<RoomId, RoomSummary> summaries = new HashMap<>();
    private final Map<IdempotencyKey, Remembered> keys = new HashMap<>();
    private long lastId;

    @Override
    public synchronized List<Appended> append(List<Submission> batch, Instant createdAt) {
        return IdempotentAppend.append(batch, new IdempotentAppend.Storage() {
            @Override
            public Map<IdempotencyKey, Message> known(Set<IdempotencyKey> wanted) {
                Map<IdempotencyKey, Message> found = new HashMap<>();
                for (IdempotencyKey key : wanted) {
                    Remembered earlier = keys.get(key);
                    if (earlier != null) {
                        found.put(key, earlier.message());
                    }
                }
                return found;
            }

            @Override
            public List<Message> insert(List<NewMessage> fresh) {
                List<Message> stored = new ArrayList<>(fresh.size());
                for (NewMessage message : fresh) {
                    stored.add(store(Message.stored(++lastId, message, createdAt)));
                }
                return stored;
            }

            @Override
            public void remember(Map<IdempotencyKey, Message> newKeys) {
                newKeys.forEach((key, message) -> keys.put(key, new Remembered(message, createdAt)));
            }
        });
    }

    private Message store(Message message) {
        messages.add(message);
        rooms.computeIfAbsent(message.room(), room -> new ArrayList<>()).add(message);
        summaries.merge(message.room(), RoomSummary.of(message), RoomSummary::plus);
        return message;
    }

    @Override
    public void readRange(RoomId room, TimeRange range, MessageSink sink) throws IOException {
        List<Message> matching;
        synchronized (this) {
            matching = rooms.getOrDefault(room, List.of()).stream()
                    .filter(m -> range.contains(m.createdAt()))
                    .sorted(HISTORY_ORDER)
                    .toList();
        }
        for (Message message : matching) {
            sink.accept(message);
        }
    }

    @Override
    public synchronized List<Message> readPage(RoomId room, HistoryPage page) {
        List<Message> inRoom = rooms.getOrDefault(room, List.of());
        int size = inRoom.size();
        return switch (page) {
            case HistoryPage.Newest newest -> List.copyOf(inRoom.subList(Math.max(0, size - newest.limit()), size));
            case HistoryPage.Before before -> {
                int end = firstIndexAfter(inRoom, before.id() - 1);
                yield List.copyOf(inRoom.subList(Math.max(0, end - before.limit()), end));
            }
            case HistoryPage.After after -> {
                int start = firstIndexAfter(inRoom, after.id());
                yield List.copyOf(inRoom.subList(start, Math.min(size, start + after.limit())));
            }
        };
    }

    @Override
    public synchronized List<Message> readAfter(RoomSelection selection, long afterId, int limit) {
        List<Message> page = new ArrayList<>(Math.min(limit, 256));
        for (int i = firstIndexAfter(messages, afterId); i < messages.size() && page.size() < limit; i++) {
            Message message = messages.get(i);
            if (selection.includes(message.room())) {
                page.add(message);
            }
        }
        return List.copyOf(page);
    }

    @Override
    public synchronized List<RoomSummary> listRooms(RoomListing listing) {
        return summaries.values().stream()
                .filter(summary -> summary.room().value().startsWith(listing.prefix()))
                .sorted(MOST_RECENT_FIRST)
                .limit(listing.limit())
                .toList();
    }

    @Override
    public synchronized int forgetIdempotencyKeysBefore(Instant cutoff) {
        int before = keys.size();
        keys.values().removeIf(remembered -> remembered.usedAt().isBefore(cutoff));
        return before - keys.size();
    }

    /** Binary search for the first message with an id above {@code afterId}: ids increase along the list. */
    private static int firstIndexAfter(List<Message> inIdOrder, long afterId) {
        int low = 0;
        int high = inIdOrder.size();
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (inIdOrder.get(middle).id() <= afterId) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }
}
