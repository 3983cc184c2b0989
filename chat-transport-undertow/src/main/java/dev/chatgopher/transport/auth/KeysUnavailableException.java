package dev.chatgopher.transport.auth;

/** The verification keys could not be fetched (JWKS URL down, nothing cached yet): answered 503, retry shortly. */
public final class KeysUnavailableException extends RuntimeException {

    public KeysUnavailableException(Throwable cause) {
        super("the keys to check tokens with cannot be fetched right now; try again shortly", cause);
    }
}
