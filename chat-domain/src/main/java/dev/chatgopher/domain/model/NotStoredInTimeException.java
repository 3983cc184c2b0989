package dev.chatgopher.domain.model;

/**
 * A send waited for the writer longer than its deadline and was taken out of the queue before it reached the
 * store: it is guaranteed not to be stored, and may be retried.
 */
public class NotStoredInTimeException extends RuntimeException {

    public NotStoredInTimeException(String message) {
        super(message, null, false, false);
    }
}
