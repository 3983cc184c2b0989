package dev.chatgopher.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * How long an HTTP connection may take over the parts of a request that hold it without work: a slow client
 * (slowloris) that sends its request line and headers a byte at a time is closed once {@code headers} have passed
 * since its first byte, one that sends its body so is closed once {@code body} has passed since its headers, and a
 * kept-alive connection that sends nothing more is closed after {@code idle}.
 *
 * @param headers from the first byte of a request to the end of its headers
 * @param body    from the end of the headers to the end of the body
 * @param idle    between requests on a kept-alive connection
 */
public record RequestTimeouts(Duration headers, Duration body, Duration idle) {

    /**
     * Ten seconds for the headers (a real client sends them at once), thirty for a body (64 KiB at 2 KiB/s), a
     * minute idle, as browsers keep connections.
     */
    public static final RequestTimeouts DEFAULT =
            new RequestTimeouts(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60));

    public RequestTimeouts {
        requirePositive(headers, "the request header timeout");
        requirePositive(body, "the request body timeout");
        requirePositive(idle, "the idle connection timeout");
    }

    private static void requirePositive(Duration timeout, String what) {
        Objects.requireNonNull(timeout, what);
        if (timeout.toMillis() < 1 || timeout.toMillis() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " must be 1 ms to 24 days, got " + timeout);
        }
    }
}
