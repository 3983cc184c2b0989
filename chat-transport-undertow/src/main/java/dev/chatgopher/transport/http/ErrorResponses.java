package dev.chatgopher.transport.http;

import dev.chatgopher.domain.model.IdempotencyConflictException;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.OverloadedException;
import dev.chatgopher.domain.port.out.StoreUnavailableException;
import dev.chatgopher.transport.json.ErrorJson;
import io.undertow.io.Receiver.RequestToLargeException;
import io.undertow.server.HttpServerExchange;
import io.undertow.server.RequestTooBigException;
import io.undertow.util.Headers;
import io.undertow.util.StatusCodes;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xnio.IoUtils;

/**
 * Turns any failure into the API's error answer: JSON {@code {"error": "..."}} with the right status, most
 * specific cause first. Unknown failures are bugs: a 500 with a generic message, the detail in the log only.
 */
public final class ErrorResponses {

    private static final Logger LOG = LoggerFactory.getLogger(ErrorResponses.class);

    private final long maxBodyBytes;

    public ErrorResponses(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    /** What a client is told about a failure: the status, the words, and whether to ask for a retry shortly. */
    public record FailureAnswer(int status, String message, boolean retryShortly) {
    }

    public void send(HttpServerExchange exchange, Throwable failure) {
        Throwable cause = unwrap(failure);
        if (exchange.isResponseStarted()) {
            // Part of a streamed answer is already out; cutting the connection is the only honest signal left.
            LOG.warn("{} {} failed after the response started; closing the connection", exchange.getRequestMethod(),
                    exchange.getRequestPath(), cause);
            IoUtils.safeClose(exchange.getConnection());
            return;
        }
        if (cause instanceof RequestToLargeException || cause instanceof RequestTooBigException) {
            tooLarge(exchange);
            return;
        }
        FailureAnswer answer = answerFor(cause, exchange.getRequestMethod() + " " + exchange.getRequestPath());
        if (answer.retryShortly()) {
            exchange.getResponseHeaders().put(Headers.RETRY_AFTER, "1");
        }
        send(exchange, answer.status(), answer.message());
    }

    /**
     * The answer for a failure of any request, over HTTP or WebSocket. An unavailable store is logged as a
     * warning and anything unknown as a bug, with its stack trace; {@code during} names the work in the log.
     */
    public static FailureAnswer answerFor(Throwable failure, String during) {
        return switch (unwrap(failure)) {
            case HttpProblem problem -> new FailureAnswer(problem.status(), problem.getMessage(), false);
            case InvalidInputException invalid -> new FailureAnswer(StatusCodes.BAD_REQUEST, invalid.getMessage(), false);
            case IdempotencyConflictException conflict -> new FailureAnswer(422, conflict.getMessage(), false);
            case OverloadedException overloaded -> new FailureAnswer(StatusCodes.SERVICE_UNAVAILABLE, overloaded.getMessage(), true);
            case StoreUnavailableException unavailable -> {
                LOG.warn("{}: {}", during, unavailable.getMessage());
                yield new FailureAnswer(StatusCodes.SERVICE_UNAVAILABLE, "the database is unavailable; try again shortly", true);
            }
            case Throwable bug -> {
                LOG.error("{} failed", during, bug);
                yield new FailureAnswer(StatusCodes.INTERNAL_SERVER_ERROR, "internal server error", false);
            }
        };
    }

    public static void send(HttpServerExchange exchange, int status, String message) {
        exchange.setStatusCode(status);
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
        exchange.getResponseSender().send(ByteBuffer.wrap(ErrorJson.encode(message)));
    }

    private void tooLarge(HttpServerExchange exchange) {
        // The rest of the body may still be on its way; do not read it, close after answering.
        exchange.getResponseHeaders().put(Headers.CONNECTION, "close");
        exchange.setPersistent(false);
        send(exchange, StatusCodes.REQUEST_ENTITY_TOO_LARGE, "request body is larger than " + maxBodyBytes + " bytes");
    }

    private static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
