package dev.chatgopher.transport.http;

/** A request the API refuses with a specific status; the message is shown to the client. */
final class HttpProblem extends RuntimeException {

    private final int status;

    HttpProblem(int status, String message) {
        super(message, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
