package dev.chatgopher.domain.port.out;

/** The store could not be reached (connection refused, pool exhausted, server shutting down): worth a retry later. */
public class StoreUnavailableException extends RuntimeException {

    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
