package dev.chatgopher.persistence.jooq.feed;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.port.MessageListener;
import dev.chatgopher.domain.port.Subscription;
import dev.chatgopher.domain.port.out.MessageFeed;
import dev.chatgopher.persistence.jooq.JooqMessageStore;
import java.util.List;

/**
 * The {@link MessageFeed} of several nodes sharing one PostgreSQL. Every insert notifies the {@link FeedChannel}
 * with its newest id (see {@link JooqMessageStore}); each node delivers its own commits at once when they follow the
 * last id it delivered, and reads everything else above that id from the table, woken by the notifications. A lost
 * notification or a reconnect costs a read, never a gap: the table, not the notification, is what is delivered.
 */
public final class PostgresMessageFeed implements MessageFeed, AutoCloseable {

    private final DeliveryCursor cursor;
    private final CatchUpReader reader;
    private final NotificationListener listener;

    private PostgresMessageFeed(JooqMessageStore store, FeedChannel channel, ListenerConnections connections) {
        // Everything committed before the start belongs to history, not to the live stream.
        this.cursor = new DeliveryCursor(store.newestId());
        this.reader = new CatchUpReader(store, cursor);
        this.listener = new NotificationListener(connections, channel, this::notified, reader::request);
    }

    /**
     * Starts delivering what commits from now on: start it before the writer takes sends. Reads the newest committed
     * id (so the database must answer now), then listens in the background.
     */
    public static PostgresMessageFeed start(
            JooqMessageStore store, FeedChannel channel, ListenerConnections connections) {
        PostgresMessageFeed feed = new PostgresMessageFeed(store, channel, connections);
        feed.reader.start();
        feed.listener.start();
        return feed;
    }

    /**
     * Called by the writer after each commit. Delivers the batch at once when it follows the last delivered id;
     * otherwise asks for a catch-up read, which sees it and every earlier commit, and returns without waiting.
     */
    @Override
    public void publish(List<Message> committed) {
        if (!committed.isEmpty() && !cursor.deliverIfNext(committed)) {
            reader.request();
        }
    }

    @Override
    public Subscription subscribe(MessageListener listener) {
        return cursor.subscribe(listener);
    }

    private void notified(long id) {
        // Most notifications of this node's own commits arrive after the fast path delivered them: no read.
        if (id > cursor.lastDelivered()) {
            reader.request();
        }
    }

    /** The newest id delivered to the listeners. */
    public long lastDeliveredId() {
        return cursor.lastDelivered();
    }

    /** Whether the listening connection is up; while it is down the node serves on and catches up once it is back. */
    public boolean listenerConnected() {
        return listener.connected();
    }

    /** Times the listening connection was lost and opened again. */
    public long reconnects() {
        return listener.reconnects();
    }

    /** Page reads of other nodes' messages, failed ones included. */
    public long catchUpReads() {
        return reader.reads();
    }

    /** Stops listening and reading; close it after the writer, which may still publish. */
    @Override
    public void close() {
        try {
            listener.close();
        } finally {
            reader.close();
        }
    }
}
