package dev.chatgopher.domain.model;

/** The server cannot take the request now (its queue is full, or it is stopping); the client should retry shortly. */
public class OverloadedException extends RuntimeException {

    public OverloadedException(String message) {
        super(message, null, false, false);
    }
}
