package dev.chatgopher.transport.limits;

import java.util.concurrent.TimeUnit;

/**
 * Messages per identity: one token bucket per identity, shared by {@code POST} and WebSocket sends, so that
 * switching paths buys nothing. Off, every message goes through.
 */
public final class MessageLimiter {

    private final LimitSettings settings;
    private final KeyedBuckets<Identity> buckets;
    private final LimitMetrics metrics;

    public MessageLimiter(LimitSettings settings, LimitMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
        this.buckets = new KeyedBuckets<>(settings.messageBurst(), settings.messagesPerSecond());
    }

    /** Whether any message can be refused: off, a caller need not even work out whose budget a message is. */
    public boolean enabled() {
        return settings.enabled();
    }

    /** Takes one message from the identity's budget: 0 when it may send it, otherwise the nanoseconds to wait. */
    public long tryTake(Identity identity) {
        if (!settings.enabled()) {
            return 0;
        }
        long wait = buckets.tryTake(identity);
        if (wait > 0) {
            metrics.refused(LimitMetrics.Limit.MESSAGES);
        }
        return wait;
    }

    /** The words of a refusal over HTTP, with the wait in whole seconds (as Retry-After has it). */
    public String refusalInSeconds(long waitNanos) {
        return refusal(secondsToWait(waitNanos) + " s");
    }

    /** The words of a refusal over a socket, with the wait in milliseconds (as retryAfterMs has it). */
    public String refusalInMilliseconds(long waitNanos) {
        return refusal(millisecondsToWait(waitNanos) + " ms");
    }

    private String refusal(String wait) {
        return "too many messages: at most " + settings.messagesPerSecond() + " a second, in bursts of up to "
                + settings.messageBurst() + "; retry in " + wait;
    }

    /** Whole seconds, rounded up (Retry-After has no fractions). */
    public static long secondsToWait(long waitNanos) {
        return Math.max(1, (waitNanos + TimeUnit.SECONDS.toNanos(1) - 1) / TimeUnit.SECONDS.toNanos(1));
    }

    /** Whole milliseconds, rounded up. */
    public static long millisecondsToWait(long waitNanos) {
        return Math.max(1, (waitNanos + TimeUnit.MILLISECONDS.toNanos(1) - 1) / TimeUnit.MILLISECONDS.toNanos(1));
    }

    /** Identities with a bucket right now. */
    int trackedIdentities() {
        return buckets.size();
    }
}
