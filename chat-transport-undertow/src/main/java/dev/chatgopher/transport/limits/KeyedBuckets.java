package dev.chatgopher.transport.limits;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One token bucket per key (an identity, an address), with bounded memory. A bucket that has refilled to its
 * capacity is the same as a new one, so a sweep, at most once per full refill time and started by whichever call
 * finds it due, drops those: only keys active within the last refill time are kept. The sweep visits every key,
 * so it runs on a virtual thread of its own, never on the IO thread that found it due. Past {@link #MAX_KEYS}
 * keys at once, new keys share one bucket instead of growing the map.
 *
 * @param <K> the keys: {@link Identity identities}, addresses
 */
final class KeyedBuckets<K> {

    /** The most keys with a bucket of their own; a flood of new addresses beyond it shares the overflow bucket. */
    static final int MAX_KEYS = 100_000;

    private final int capacity;
    private final int perSecond;
    private final long sweepIntervalNanos;
    private final ConcurrentHashMap<K, Bucket> buckets = new ConcurrentHashMap<>();
    private final Bucket overflow;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());

    KeyedBuckets(int capacity, int perSecond) {
        this.capacity = capacity;
        this.perSecond = perSecond;
        // The time an empty bucket takes to fill up, rounded up to whole seconds.
        this.sweepIntervalNanos =
                Duration.ofSeconds((capacity + perSecond - 1) / perSecond).toNanos();
        this.overflow = newBucket();
    }

    /** Takes one token of the key's bucket: 0 when it had one, otherwise the nanoseconds until it will. */
    long tryTake(K key) {
        sweepIfDue();
        Bucket bucket = buckets.get(key);
        if (bucket == null) {
            bucket = buckets.size() < MAX_KEYS ? buckets.computeIfAbsent(key, newKey -> newBucket()) : overflow;
        }
        var probe = bucket.tryConsumeAndReturnRemaining(1);
        return probe.isConsumed() ? 0 : Math.max(1, probe.getNanosToWaitForRefill());
    }

    /** Keys with a bucket, for the memory bound's test. */
    int size() {
        return buckets.size();
    }

    /** Drops every bucket that is full now. */
    void sweep() {
        buckets.entrySet().removeIf(entry -> entry.getValue().getAvailableTokens() >= capacity);
    }

    private void sweepIfDue() {
        long last = lastSweep.get();
        long now = System.nanoTime();
        if (now - last >= sweepIntervalNanos && lastSweep.compareAndSet(last, now)) {
            Thread.ofVirtual().name("limits-sweep").start(this::sweep);
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(Bandwidth.builder()
                        .capacity(capacity)
                        .refillGreedy(perSecond, Duration.ofSeconds(1))
                        .build())
                .build();
    }
}
