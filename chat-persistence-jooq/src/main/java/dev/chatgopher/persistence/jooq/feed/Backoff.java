package dev.chatgopher.persistence.jooq.feed;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Pauses between attempts while the database is away: doubling from the first to the longest, each with jitter, so
 * that nodes that lost it together do not all come back in the same millisecond.
 */
final class Backoff {

    private final long firstMillis;
    private final long longestMillis;
    private long nextMillis;

    Backoff(Duration first, Duration longest) {
        this.firstMillis = first.toMillis();
        this.longestMillis = longest.toMillis();
        this.nextMillis = firstMillis;
    }

    /** The pause before the next attempt: between half and all of the current step, which then doubles. */
    Duration next() {
        long step = nextMillis;
        nextMillis = Math.min(longestMillis, step * 2);
        return Duration.ofMillis(step / 2 + ThreadLocalRandom.current().nextLong(step / 2 + 1));
    }

    /** After a success, the next failure starts again from the first step. */
    void reset() {
        nextMillis = firstMillis;
    }
}
