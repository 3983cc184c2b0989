package dev.chatgopher.transport.failure;

import dev.chatgopher.domain.model.IdempotencyConflictException;
import dev.chatgopher.domain.model.InvalidInputException;
import dev.chatgopher.domain.model.NotStoredInTimeException;
import dev.chatgopher.domain.model.OutcomeUnknownException;
import dev.chatgopher.domain.model.OverloadedException;
import dev.chatgopher.domain.model.StoreUnavailableException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a client is told about a failure, over HTTP or WebSocket alike: the status, the words, and whether to ask
 * for a retry shortly. Unknown failures are bugs: a generic 500, the detail in the log only.
 *
 * @param retryShortly whether the answer carries {@code Retry-After}: nothing was stored and a retry may succeed
 */
public record FailureAnswer(int status, String message, boolean retryShortly) {

    private static final Logger LOG = LoggerFactory.getLogger(FailureAnswer.class);

    /**
     * The answer for a failure, most specific cause first. An unavailable store is logged as a warning and anything
     * unknown as a bug, with its stack trace; {@code during} names the work in the log.
     */
    public static FailureAnswer of(Throwable failure, String during) {
        return switch (unwrap(failure)) {
            case RequestProblem problem -> new FailureAnswer(problem.status(), problem.getMessage(), false);
            case InvalidInputException invalid -> new FailureAnswer(400, invalid.getMessage(), false);
            case IdempotencyConflictException conflict -> new FailureAnswer(422, conflict.getMessage(), false);
            case OverloadedException overloaded -> new FailureAnswer(503, overloaded.getMessage(), true);
            case NotStoredInTimeException notStored -> new FailureAnswer(503, notStored.getMessage(), true);
            case OutcomeUnknownException unknown -> {
                LOG.warn("{}: {}", during, unknown.getMessage());
                yield new FailureAnswer(
                        504,
                        "the outcome is unknown: the database did not confirm the message"
                                + " in time, it may still be stored; retry with the same Idempotency-Key",
                        false);
            }
            case StoreUnavailableException unavailable -> {
                LOG.debug("{}: {}", during, unavailable.getMessage());
                yield new FailureAnswer(503, "the database is unavailable; try again shortly", true);
            }
            case Throwable bug -> {
                LOG.error("{} failed", during, bug);
                yield new FailureAnswer(500, "internal server error", false);
            }
        };
    }

    /** The cause inside the wrappers of {@code CompletableFuture}. */
    public static Throwable unwrap(Throwable failure) {
        Throwable cause = failure;
        while ((cause instanceof CompletionException || cause instanceof ExecutionException)
                && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause;
    }
}
