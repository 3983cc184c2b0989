package dev.chatgopher.app;

/** The server cannot start; the message is one sentence an operator can act on. */
public final class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
