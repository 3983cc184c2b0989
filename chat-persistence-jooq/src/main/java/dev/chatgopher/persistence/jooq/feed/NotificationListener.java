package dev.chatgopher.persistence.jooq.feed;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on the feed's channel on a thread and connection of its own, and passes each notified id on. After any
 * failure it reconnects with backoff, listens again, and then always asks for a catch-up: notifications sent while it
 * was away are not replayed.
 */
final class NotificationListener implements AutoCloseable {

    /** A finite wait: pgjdbc's wait without one can block forever after a network drop. */
    private static final int POLL_MILLIS = 500;
    /** After this long without a notification, the connection is checked, so that a dead one is noticed. */
    private static final long QUIET_CHECK_NANOS = Duration.ofSeconds(3).toNanos();

    private static final int VALIDITY_TIMEOUT_SECONDS = 2;
    /** What a payload that is not an id is taken for: someone committed something, read to see. */
    static final long UNKNOWN_ID = Long.MAX_VALUE;

    private final ListenerConnections connections;
    private final FeedChannel channel;
    private final LongConsumer notified;
    private final Runnable reconnected;
    private final Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
    private final OutageLog outage = new OutageLog("Listening for the commits of other nodes");
    private final AtomicLong reconnects = new AtomicLong();
    private final Thread thread;
    private volatile boolean connected;
    private volatile boolean closed;

    /**
     * @param notified    told each notified id ({@link #UNKNOWN_ID} for a payload that is not one)
     * @param reconnected told each time the listener is listening again, the first time included
     */
    NotificationListener(
            ListenerConnections connections, FeedChannel channel, LongConsumer notified, Runnable reconnected) {
        this.connections = connections;
        this.channel = channel;
        this.notified = notified;
        this.reconnected = reconnected;
        this.thread = Thread.ofPlatform().name("chat-feed-listener").daemon().unstarted(this::run);
    }

    void start() {
        thread.start();
    }

    /** Whether the listening connection is up. */
    boolean connected() {
        return connected;
    }

    /** Times the listener was listening again after losing its connection. */
    long reconnects() {
        return reconnects.get();
    }

    private void run() {
        boolean first = true;
        while (!closed) {
            try (Connection connection = connections.open()) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute(channel.listenStatement());
                }
                connected = true;
                if (!first) {
                    reconnects.incrementAndGet();
                }
                first = false;
                outage.recovered();
                backoff.reset();
                reconnected.run();
                awaitNotifications(connection);
            } catch (SQLException | RuntimeException e) {
                connected = false;
                if (closed) {
                    return;
                }
                outage.failed(e);
                if (!pause(backoff.next())) {
                    return;
                }
            }
        }
        connected = false;
    }

    /** Returns when closed; throws when the connection fails. */
    private void awaitNotifications(Connection connection) throws SQLException {
        PGConnection pg = connection.unwrap(PGConnection.class);
        long quietSince = System.nanoTime();
        while (!closed) {
            PGNotification[] notifications = pg.getNotifications(POLL_MILLIS);
            long now = System.nanoTime();
            if (notifications != null && notifications.length > 0) {
                quietSince = now;
                for (PGNotification notification : notifications) {
                    notified.accept(idOf(notification.getParameter()));
                }
            } else if (now - quietSince > QUIET_CHECK_NANOS) {
                if (!connection.isValid(VALIDITY_TIMEOUT_SECONDS)) {
                    throw new SQLException("the listening connection did not answer a check", "08006");
                }
                quietSince = now;
            }
        }
    }

    /** A payload is the newest id of a batch; anything else (a hand-sent NOTIFY, say) just means "read". */
    static long idOf(String payload) {
        if (payload == null) {
            return UNKNOWN_ID;
        }
        try {
            return Long.parseLong(payload.strip());
        } catch (NumberFormatException e) {
            return UNKNOWN_ID;
        }
    }

    private boolean pause(Duration pause) {
        try {
            Thread.sleep(pause);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    /** Stops listening within one poll and closes the connection. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
