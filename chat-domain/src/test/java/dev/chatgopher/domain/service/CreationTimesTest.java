package dev.chatgopher.domain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.chatgopher.domain.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CreationTimesTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2025-02-01T12:00:00.123456789Z"));
    private final CreationTimes times = new CreationTimes(clock);

    @Test
    void truncates_to_microseconds() {
        assertEquals(Instant.parse("2025-02-01T12:00:00.123456Z"), times.next());
    }

    @Test
    void follows_the_clock_forward() {
        times.next();
        clock.advance(Duration.ofSeconds(1));

        assertEquals(Instant.parse("2025-02-01T12:00:01.123456Z"), times.next());
    }

    @Test
    void never_goes_back_when_the_clock_does() {
        Instant first = times.next();
        clock.advance(Duration.ofSeconds(-5));

        assertEquals(first, times.next());
    }
}
