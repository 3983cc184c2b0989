package dev.chatgopher.persistence.jooq.feed;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.port.MessageListener;
import dev.chatgopher.domain.port.Subscription;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The last id handed to the listeners, and the one lock under which anything is handed to them: whoever delivers
 * (the writer's fast path or the catch-up reader), listeners get one batch at a time, in id order, never an id twice.
 */
final class DeliveryCursor {

    private static final System.Logger LOG = System.getLogger(DeliveryCursor.class.getName());

    private final ReentrantLock delivering = new ReentrantLock();
    private final List<MessageListener> listeners = new CopyOnWriteArrayList<>();
    private volatile long lastDelivered;

    DeliveryCursor(long lastDelivered) {
        this.lastDelivered = lastDelivered;
    }

    long lastDelivered() {
        return lastDelivered;
    }

    Subscription subscribe(MessageListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Delivers a batch this node committed if its first id follows the last delivered one: ids are unique, so no
     * other node's message can lie between. Answers false when one might (another node committed in between, or a
     * rolled-back transaction left a gap): the batch is then for a catch-up read to deliver, in order.
     */
    boolean deliverIfNext(List<Message> committed) {
        delivering.lock();
        try {
            if (committed.getLast().id() <= lastDelivered) {
                return true; // a catch-up read saw the commit first
            }
            if (committed.getFirst().id() != lastDelivered + 1) {
                return false;
            }
            deliver(List.copyOf(committed));
            return true;
        } finally {
            delivering.unlock();
        }
    }

    /**
     * Delivers the messages of a catch-up page newer than the last delivered id. The page must be every committed
     * message above some id, in id order, as a read of {@code id > n order by id} sees it; the fast path may have
     * delivered its first ones meanwhile.
     */
    void deliverNewer(List<Message> page) {
        delivering.lock();
        try {
            long last = lastDelivered;
            int first = 0;
            while (first < page.size() && page.get(first).id() <= last) {
                first++;
            }
            if (first < page.size()) {
                deliver(List.copyOf(page.subList(first, page.size())));
            }
        } finally {
            delivering.unlock();
        }
    }

    private void deliver(List<Message> batch) {
        for (MessageListener listener : listeners) {
            try {
                listener.onMessages(batch);
            } catch (RuntimeException e) {
                // One broken listener must not keep the batch from the others.
                LOG.log(Level.ERROR, "Feed listener " + listener + " failed", e);
            }
        }
        lastDelivered = batch.getLast().id();
    }
}
