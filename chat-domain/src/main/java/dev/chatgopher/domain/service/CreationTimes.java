package dev.chatgopher.domain.service;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Hands out creation times: the clock's time truncated to microseconds (what the store keeps), never earlier
 * than the previous one, so that creation order and id order agree on this node even if the wall clock steps back.
 */
final class CreationTimes {

    private final Clock clock;
    private Instant last = Instant.EPOCH;

    CreationTimes(Clock clock) {
        this.clock = clock;
    }

    synchronized Instant next() {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (now.isAfter(last)) {
            last = now;
        }
        return last;
    }
}
