package dev.chatgopher.domain.port.out;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.model.NewMessage;
import dev.chatgopher.domain.model.RoomId;
import dev.chatgopher.domain.port.MessageListener;
import dev.chatgopher.domain.port.Subscription;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link MessageFeed} must do. A feed may deliver on another thread, so assertions wait for
 * deliveries (up to {@link #DELIVERY_WAIT}) rather than expecting them at once.
 */
public abstract class MessageFeedContract {

    protected static final Duration DELIVERY_WAIT = Duration.ofSeconds(10);
    private static final Duration SILENCE = Duration.ofMillis(300);

    protected MessageFeed feed;
    private final List<Subscription> subscriptions = new ArrayList<>();

    /** Returns a fresh feed. */
    protected abstract MessageFeed newFeed();

    /**
     * Makes the messages durable where the feed can see them, as the writer does before it publishes, and
     * returns them with their ids.
     */
    protected abstract List<Message> commit(List<NewMessage> batch);

    @BeforeEach
    void openFeed() {
        feed = newFeed();
    }

    @AfterEach
    void closeSubscriptions() {
        subscriptions.forEach(Subscription::close);
    }

    @Test
    void a_subscriber_receives_published_batches_in_id_order() throws InterruptedException {
        Recorder recorder = subscribe();
        List<Message> first = commit(List.of(
                new NewMessage(RoomId.GENERAL, null, 1, "one"), new NewMessage(RoomId.GENERAL, null, 2, "two")));
        List<Message> second = commit(List.of(new NewMessage(RoomId.GENERAL, null, 3, "three")));

        feed.publish(first);
        feed.publish(second);

        assertEquals(concat(first, second), recorder.take(3));
    }

    @Test
    void every_subscriber_receives_every_message() throws InterruptedException {
        Recorder a = subscribe();
        Recorder b = subscribe();
        List<Message> batch = commit(List.of(
                new NewMessage(RoomId.GENERAL, null, 1, "hello"), new NewMessage(RoomId.GENERAL, null, 2, "world")));

        feed.publish(batch);

        assertEquals(batch, a.take(2));
        assertEquals(batch, b.take(2));
    }

    @Test
    void a_closed_subscription_receives_nothing_more() throws InterruptedException {
        Recorder stays = subscribe();
        Recorder leaves = subscribe();
        List<Message> before = commit(List.of(new NewMessage(RoomId.GENERAL, null, 1, "before")));
        feed.publish(before);
        assertEquals(before, leaves.take(1));
        assertEquals(before, stays.take(1));

        leaves.subscription.close();
        List<Message> after = commit(List.of(new NewMessage(RoomId.GENERAL, null, 2, "after")));
        feed.publish(after);

        assertEquals(after, stays.take(1));
        leaves.assertNothingMore();
    }

    @Test
    void a_failing_listener_does_not_keep_messages_from_the_others() throws InterruptedException {
        subscriptions.add(feed.subscribe(batch -> {
            throw new IllegalStateException("listener bug");
        }));
        Recorder healthy = subscribe();
        List<Message> first = commit(List.of(new NewMessage(RoomId.GENERAL, null, 1, "first")));
        List<Message> second = commit(List.of(new NewMessage(RoomId.GENERAL, null, 2, "second")));

        feed.publish(first);
        feed.publish(second);

        assertEquals(concat(first, second), healthy.take(2));
    }

    private Recorder subscribe() {
        Recorder recorder = new Recorder();
        recorder.subscription = feed.subscribe(recorder);
        subscriptions.add(recorder.subscription);
        return recorder;
    }

    private static List<Message> concat(List<Message> a, List<Message> b) {
        List<Message> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** A listener that queues what it receives so a test can wait for it. */
    private static final class Recorder implements MessageListener {
        private final BlockingQueue<Message> received = new LinkedBlockingQueue<>();
        private Subscription subscription;

        @Override
        public void onMessages(List<Message> batch) {
            received.addAll(batch);
        }

        List<Message> take(int count) throws InterruptedException {
            List<Message> taken = new ArrayList<>();
            long deadline = System.nanoTime() + DELIVERY_WAIT.toNanos();
            while (taken.size() < count) {
                Message next = received.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (next == null) {
                    throw new AssertionError(
                            "received only " + taken + " of " + count + " messages within " + DELIVERY_WAIT);
                }
                taken.add(next);
            }
            return taken;
        }

        void assertNothingMore() throws InterruptedException {
            assertNull(received.poll(SILENCE.toMillis(), TimeUnit.MILLISECONDS));
        }
    }
}
