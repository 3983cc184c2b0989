package dev.chatgopher.transport.failure;

/** A request the API refuses with a specific status (415, 426...); the message is shown to the client. */
public final class RequestProblem extends RuntimeException {

    private final int status;

    public RequestProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
