package dev.chatgopher.transport.http;

import dev.chatgopher.transport.failure.FailureAnswer;
import dev.chatgopher.transport.json.ErrorJson;
import io.undertow.io.Receiver.RequestToLargeException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.io.IOException;
import java.nio.ByteBuffer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/** Writes the HTTP answer for a failure: the JSON error of {@link FailureAnswer}, with the right status and headers. */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private final long maxBodyBytes;

    public ErrorResponses(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    public void send(HttpServerExchange exchange, Throwable failure) {
        Throwable cause = FailureAnswer.unwrap(failure);
        if (exchange.isResponseStarted()) {
            // Part of a streamed answer is already out; cutting the connection is the only honest signal left.
            LOG.warn(
                    "{} {} failed after the response started; closing the connection",
                    exchange.getRequestMethod(),
                    exchange.getRequestPath(),
                    cause);
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        if (cause instanceof RequestToLargeException || cause instanceof RequestTooBigException) {
            tooLarge(exchange);
            return;
        }
        FailureAnswer answer = FailureAnswer.of(cause, exchange.getRequestMethod() + " " + exchange.getRequestPath());
        if (answer.retryShortly()) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
        }
        send(exchange, answer.status(), answer.message());
    }

    /**
     * Answers a request body that could not be read to its end: 413 over the limit, else 400 (it ended before its
     * length, or its chunks are malformed), always on a connection that then closes, since where the next request
     * would start is unknown. A client that is gone gets nothing, and a client's fault is no error in the log.
     */
    public void bodyUnreadable(HttpServerExchange exchange, IOException failure) {
        // Undertow's receiver may wrap what a conduit threw in another IOException.
        if (causeOf(failure, RequestToLargeException.class) != null
                || causeOf(failure, RequestTooBigException.class) != null) {
            tooLarge(exchange);
            return;
        }
        LOG.debug(
                "{} {}: the request body could not be read",
                exchange.getRequestMethod(),
                exchange.getRequestPath(),
                failure);
        if (exchange.isComplete()
                || exchange.isResponseStarted()
                || !exchange.getConnection().isOpen()) {
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        LingeringClose.closeAfterAnswer(exchange);
        MalformedChunksException malformed = causeOf(failure, MalformedChunksException.class);
        String message = malformed != null
                ? malformed.getMessage()
                : "the request body ended before its Content-Length or last chunk: it was cut short";
        send(exchange, StatusCodes.BAD_REQUEST, message);
    }

    private static <T extends Throwable> T causeOf(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }

    /** Sends an error answer; one sent before the body was read closes the connection lingering, see {@link LingeringClose}. */
    public static void send(HttpServerExchange exchange, int status, String message) {
        if (LingeringClose.needed(exchange)) {
            LingeringClose.closeAfterAnswer(exchange);
        }
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(ErrorJson.encode(message)));
    }

    /** At most the first 40 characters of a refused value, so that an error answer stays short. */
    static String shortened(String value) {
        return value.length() > 40 ? value.substring(0, 40) + "..." : value;
    }

    private void tooLarge(HttpServerExchange exchange) {
        // The rest of the body may still be on its way; it is not stored, only read and discarded for a while.
        LingeringClose.closeAfterAnswer(exchange);
        send(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "request body is larger than " + maxBodyBytes + " bytes");
    }
}
