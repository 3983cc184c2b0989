package dev.chatgopher.transport;

import dev.chatgopher.domain.inmemory.InMemoryMessageFeed;
import dev.chatgopher.domain.inmemory.InMemoryMessageStore;
import dev.chatgopher.domain.model.TextLengthLimit;
import dev.chatgopher.domain.port.out.MessageStore;
import dev.chatgopher.domain.service.GroupCommitWriter;
import dev.chatgopher.domain.service.ReadHistoryService;
import dev.chatgopher.domain.service.SubscribeService;
import dev.chatgopher.domain.service.WriterSettings;
import dev.chatgopher.domain.testing.MutableClock;
import dev.chatgopher.transport.testing.Http;
import java.time.Instant;

/** A real server on a free port over the in-memory adapters and the real writer, with a clock the test moves. */
final class InMemoryChat implements AutoCloseable {

    static final Instant START = Instant.parse("2025-02-01T12:00:00Z");

    final MutableClock clock = new MutableClock(START);
    final MessageStore store;
    final GroupCommitWriter writer;
    final ChatServer server;
    final Http http;

    InMemoryChat() {
        this(new InMemoryMessageStore());
    }

    InMemoryChat(MessageStore store) {
        this(store, ServerSettings.ephemeral());
    }

    InMemoryChat(MessageStore store, ServerSettings settings) {
        this.store = store;
        InMemoryMessageFeed feed = new InMemoryMessageFeed();
        this.writer = GroupCommitWriter.start(store, feed, TextLengthLimit.DEFAULT, WriterSettings.DEFAULT, clock);
        ChatUseCases useCases = new ChatUseCases(writer, new ReadHistoryService(store), new SubscribeService(feed));
        this.server = ChatServer.start(settings, useCases);
        this.http = Http.onPort(server.port());
    }

    @Override
    public void close() {
        server.close();
        writer.close();
    }
}
