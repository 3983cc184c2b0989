package dev.chatgopher.domain.service;

import dev.chatgopher.domain.port.MessageListener;
import dev.chatgopher.domain.port.Subscription;
import dev.chatgopher.domain.port.in.SubscribeUseCase;
import dev.chatgopher.domain.port.out.MessageFeed;

/** Follows the feed live. */
public final class SubscribeService implements SubscribeUseCase {

    private final MessageFeed feed;

    public SubscribeService(MessageFeed feed) {
        this.feed = feed;
    }

    @Override
    public Subscription subscribe(MessageListener listener) {
        return feed.subscribe(listener);
    }
}
