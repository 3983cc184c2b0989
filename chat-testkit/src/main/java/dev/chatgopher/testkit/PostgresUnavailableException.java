package dev.chatgopher.testkit;

/**
 * This machine lacks what a private PostgreSQL cluster needs: the PostgreSQL binaries, or, when running as root,
 * {@code runuser} and a {@code postgres} user to run them as. Tests may skip on it; other failures are bugs.
 */
public final class PostgresUnavailableException extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    public PostgresUnavailableException(String message) {
        super(message);
    }
}
