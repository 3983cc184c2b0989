package dev.chatgopher.domain.service;

import java.time.Duration;

/**
 * How the single writer batches, and how long a send may take.
 *
 * @param queueCapacity         sends that may wait for the writer; beyond it a send is refused as overloaded
 * @param maxBatchSize          most sends committed in one transaction
 * @param idempotencyRetention  how long an idempotency key is remembered (at least; forgotten within a minute after)
 * @param answerTimeout         a send not committed within it is answered at once: not stored (still queued) or
 *                              outcome unknown (already with the store)
 */
public record WriterSettings(
        int queueCapacity, int maxBatchSize, Duration idempotencyRetention, Duration answerTimeout) {

    public static final WriterSettings DEFAULT =
            new WriterSettings(10_000, 256, Duration.ofHours(24), Duration.ofSeconds(1));

    public WriterSettings {
        if (queueCapacity < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("writer queue capacity and batch size must be at least 1, got "
                    + queueCapacity + " and " + maxBatchSize);
        }
        if (idempotencyRetention.isNegative() || idempotencyRetention.isZero()) {
            throw new IllegalArgumentException("idempotency retention must be positive, got " + idempotencyRetention);
        }
        if (answerTimeout.toMillis() < 10) {
            throw new IllegalArgumentException("the answer timeout must be at least 10 ms, got " + answerTimeout);
        }
    }
}
