package dev.chatgopher.domain.inmemory;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.port.out.Appended;
import dev.chatgopher.domain.port.out.MessageFeed;
import dev.chatgopher.domain.port.out.MessageFeedContract;
import dev.chatgopher.domain.port.out.Submission;
import java.time.Instant;
import java.util.List;

class InMemoryMessageFeedTest extends MessageFeedContract {

    private final InMemoryMessageStore store = new InMemoryMessageStore();

    @Override
    protected MessageFeed newFeed() {
        return new InMemoryMessageFeed();
    }

    @Override
    protected List<Message> commit(List<NewMessage> batch) {
        return store.append(batch.stream().map(Submission::of).toList(), Instant.parse("2025-02-01T12:00:00Z")).stream()
                .map(Appended::message)
                .toList();
    }
}
