package dev.chatgopher.domain.inmemory;

import dev.chatgopher.domain.model.Message;
import dev.chatgopher.domain.port.MessageListener;
import dev.chatgopher.domain.port.Subscription;
import dev.chatgopher.domain.port.out.MessageFeed;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link MessageFeed} within one process: {@link #publish} hands the batch to every listener on the
 * publishing thread. The single-node server uses it; several nodes need a feed through the database.
 */
public final class InMemoryMessageFeed implements MessageFeed {

    private static final System.Logger LOG = System.getLogger(InMemoryMessageFeed.class.getName());

    private final List<MessageListener> listeners = new CopyOnWriteArrayList<>();

    @Override
    public void publish(List<Message> committed) {
        if (committed.isEmpty()) {
            return;
        }
        List<Message> batch = List.copyOf(committed);
        for (MessageListener listener : listeners) {
            try {
                listener.onMessages(batch);
            } catch (RuntimeException e) {
                // One broken listener must not keep the batch from the others.
                LOG.log(Level.ERROR, "Feed listener " + listener + " failed", e);
            }
        }
    }

    @Override
    public Subscription subscribe(MessageListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
