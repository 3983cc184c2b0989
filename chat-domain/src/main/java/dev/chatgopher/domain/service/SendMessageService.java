package dev.chatgopher.domain.service;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.TextLengthLimit;
import dev.chatgopher.domain.port.in.SendMessageUseCase;
import dev.chatgopher.domain.port.out.MessageFeed;
import dev.chatgopher.domain.port.out.MessageStore;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/** Sends one message at a time: store it, then publish it, so subscribers see ids in commit order. */
public final class SendMessageService implements SendMessageUseCase {

    private final MessageStore store;
    private final MessageFeed feed;
    private final TextLengthLimit textLengthLimit;
    private final CreationTimes creationTimes;
    private final ReentrantLock commitThenPublish = new ReentrantLock();

    public SendMessageService(MessageStore store, MessageFeed feed, TextLengthLimit textLengthLimit, Clock clock) {
        this.store = store;
        this.feed = feed;
        this.textLengthLimit = textLengthLimit;
        this.creationTimes = new CreationTimes(clock);
    }

    @Override
    public CompletableFuture<Message> send(NewMessage message) {
        try {
            textLengthLimit.check(message);
            commitThenPublish.lock();
            try {
                List<Message> stored = store.append(List.of(message), creationTimes.next());
                feed.publish(stored);
                return CompletableFuture.completedFuture(stored.getFirst());
            } finally {
                commitThenPublish.unlock();
            }
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
