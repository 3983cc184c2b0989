package dev.chatgopher.domain.model;

/**
 * A send reached the store, but whether it was committed is not known: its deadline passed while the store was
 * still working on it, or the connection broke while the commit was on its way. If it commits later, it is
 * delivered as usual. Retrying with the same idempotency key is safe: it answers the stored message, or stores it
 * once.
 */
public class OutcomeUnknownException extends RuntimeException {

    public OutcomeUnknownException(String message) {
        super(message, null, false, false);
    }

    public OutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
