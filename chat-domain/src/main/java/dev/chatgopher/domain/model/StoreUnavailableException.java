package dev.chatgopher.domain.model;

/**
 * The store could not be reached (connection refused or broken, pool exhausted, the database known to be down):
 * nothing of the request was stored, and a retry later may succeed.
 */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message) {
        super(message, null, false, false);
    }

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
