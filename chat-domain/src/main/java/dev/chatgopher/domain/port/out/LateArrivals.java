package dev.chatgopher.domain.port.out;

import java.util.List;

/**
 * Sends that arrived while a batch waited for its turn to write, offered to the store that waited: taking them
 * into the same transaction commits them now instead of after another wait.
 */
@FunctionalInterface
public interface LateArrivals {

    /** Nothing to take: for callers that have no queue. */
    LateArrivals NONE = List::of;

    /**
     * Takes the sends waiting now, in arrival order, as many as one batch may still hold, and only those without
     * an idempotency key; each one taken is answered from the batch's results.
     */
    List<Submission> take();
}
