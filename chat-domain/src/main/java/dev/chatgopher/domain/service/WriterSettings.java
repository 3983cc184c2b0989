package dev.chatgopher.domain.service;

import java.time.Duration;

/**
 * How the single writer batches.
 *
 * @param queueCapacity         sends that may wait for the writer; beyond it a send is refused as overloaded
 * @param maxBatchSize          most sends committed in one transaction
 * @param idempotencyRetention  how long an idempotency key is remembered (at least; forgotten within a minute after)
 */
public record WriterSettings(int queueCapacity, int maxBatchSize, Duration idempotencyRetention) {

    public static final WriterSettings DEFAULT = new WriterSettings(10_000, 256, Duration.ofHours(24));

    public WriterSettings {
        if (queueCapacity < 1 || maxBatchSize < 1) {
            throw new IllegalArgumentException("writer queue capacity and batch size must be at least 1, got "
                    + queueCapacity + " and " + maxBatchSize);
        }
        if (idempotencyRetention.isNegative() || idempotencyRetention.isZero()) {
            throw new IllegalArgumentException("idempotency retention must be positive, got " + idempotencyRetention);
        }
    }
}
