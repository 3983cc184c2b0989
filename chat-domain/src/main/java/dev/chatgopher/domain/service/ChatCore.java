package dev.chatgopher.domain.service;

import dev.chatgopher.domain.inmemory.InMemoryMessageFeed;
import dev.chatgopher.domain.model.TextLengthLimit;
import dev.chatgopher.domain.port.in.ReadHistoryUseCase;
import dev.chatgopher.domain.port.in.SendMessageUseCase;
import dev.chatgopher.domain.port.in.SubscribeUseCase;
import dev.chatgopher.domain.port.out.MessageFeed;
import dev.chatgopher.domain.port.out.MessageStore;
import java.time.Clock;
import java.util.Objects;

/**
 * The domain assembled: a store, a feed, the single writer between them and the use cases over them. The server,
 * the transport tests and the benchmark all start it the same way, and close it as one: the writer first (it
 * stores what was accepted), then the availability monitor.
 */
public final class ChatCore implements AutoCloseable {

    private final MessageStore store;
    private final MessageFeed feed;
    private final StoreAvailability availability;
    private final GroupCommitWriter writer;
    private final ReadHistoryService history;
    private final SubscribeService subscribe;

    private ChatCore(Builder builder) {
        this.store = builder.store;
        this.feed = builder.feed;
        this.availability = builder.availability;
        this.writer = GroupCommitWriter.start(
                store, feed, builder.textLengthLimit, builder.writerSettings, builder.clock, availability);
        this.history = new ReadHistoryService(store, availability);
        this.subscribe = new SubscribeService(feed);
    }

    /** Starts configuring a core over the store; {@link Builder#start()} starts its writer. */
    public static Builder over(MessageStore store) {
        return new Builder(store);
    }

    public SendMessageUseCase send() {
        return writer;
    }

    public ReadHistoryUseCase history() {
        return history;
    }

    public SubscribeUseCase subscribe() {
        return subscribe;
    }

    /** The writer itself, for its counters. */
    public GroupCommitWriter writer() {
        return writer;
    }

    public MessageStore store() {
        return store;
    }

    public MessageFeed feed() {
        return feed;
    }

    public StoreAvailability availability() {
        return availability;
    }

    /** Stores every send already accepted, stops the writer, then stops watching the store. */
    @Override
    public void close() {
        try {
            writer.close();
        } finally {
            availability.close();
        }
    }

    /** The parts a core is made of; each has a default fit for one process and a store that is always there. */
    public static final class Builder {
        private final MessageStore store;
        private MessageFeed feed = new InMemoryMessageFeed();
        private StoreAvailability availability = StoreAvailability.assumeAvailable();
        private TextLengthLimit textLengthLimit = TextLengthLimit.DEFAULT;
        private WriterSettings writerSettings = WriterSettings.DEFAULT;
        private Clock clock = Clock.systemUTC();

        private Builder(MessageStore store) {
            this.store = Objects.requireNonNull(store, "store");
        }

        public Builder feed(MessageFeed feed) {
            this.feed = Objects.requireNonNull(feed, "feed");
            return this;
        }

        /** Watches the store; the core closes it with itself. */
        public Builder availability(StoreAvailability availability) {
            this.availability = Objects.requireNonNull(availability, "availability");
            return this;
        }

        public Builder textLengthLimit(TextLengthLimit textLengthLimit) {
            this.textLengthLimit = Objects.requireNonNull(textLengthLimit, "textLengthLimit");
            return this;
        }

        public Builder writerSettings(WriterSettings writerSettings) {
            this.writerSettings = Objects.requireNonNull(writerSettings, "writerSettings");
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** Starts the writer: sends are taken from now on. */
        public ChatCore start() {
            return new ChatCore(this);
        }
    }
}
