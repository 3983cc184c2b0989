package dev.chatgopher.domain.inmemory;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.TimeRange;
import dev.chatgopher.domain.port.MessageSink;
import dev.chatgopher.domain.port.out.MessageStore;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** A {@link MessageStore} in a list: for tests and for embedding without a database. Forgets on restart. */
public final class InMemoryMessageStore implements MessageStore {

    private static final Comparator<Message> HISTORY_ORDER =
            Comparator.comparing(Message::createdAt).thenComparingLong(Message::id);

    private final List<Message> messages = new ArrayList<>();
    private long lastId;

    @Override
    public synchronized List<Message> append(List<NewMessage> batch, Instant createdAt) {
        List<Message> stored = new ArrayList<>(batch.size());
        for (NewMessage message : batch) {
            stored.add(new Message(++lastId, message.sequence(), message.text(), createdAt));
        }
        messages.addAll(stored);
        return List.copyOf(stored);
    }

    @Override
    public void readRange(TimeRange range, MessageSink sink) throws IOException {
        List<Message> matching;
        synchronized (this) {
            matching = messages.stream().filter(m -> range.contains(m.createdAt())).sorted(HISTORY_ORDER).toList();
        }
        for (Message message : matching) {
            sink.accept(message);
        }
    }
}
