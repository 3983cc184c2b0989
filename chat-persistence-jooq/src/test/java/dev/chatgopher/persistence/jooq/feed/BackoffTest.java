package dev.chatgopher.persistence.jooq.feed;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

    @Test
    void pauses_double_up_to_the_longest_each_between_half_and_all_of_its_step() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        long[] steps = {100, 200, 400, 800, 1600, 3200, 5000, 5000};
        for (long step : steps) {
            long pause = backoff.next().toMillis();
            assertTrue(pause >= step / 2 && pause <= step, pause + " ms for a step of " + step + " ms");
        }
    }

    @Test
    void a_reset_starts_again_from_the_first_step() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(5));
        for (int i = 0; i < 6; i++) {
            backoff.next();
        }
        backoff.reset();

        assertTrue(backoff.next().toMillis() <= 100);
    }
}
