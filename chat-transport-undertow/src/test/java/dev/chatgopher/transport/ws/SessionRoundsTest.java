package dev.chatgopher.transport.ws;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class SessionRoundsTest {

    private static final Duration PERIOD = Duration.ofMillis(10);
    private static final long WAIT_SECONDS = 10;

    @Test
    void a_session_whose_beat_throws_does_not_stop_the_others_nor_the_next_rounds() throws Exception {
        CountDownLatch healthyBeatenThreeTimes = new CountDownLatch(3);
        AtomicInteger brokenBeats = new AtomicInteger();
        List<String> sessions = List.of("broken", "healthy");

        try (SessionRounds<String> rounds = new SessionRounds<>("test rounds", PERIOD, sessions::forEach, session -> {
            if (session.equals("broken")) {
                brokenBeats.incrementAndGet();
                throw new IllegalStateException("this session's connection is in a state nobody expected");
            }
            healthyBeatenThreeTimes.countDown();
        })) {
            assertTrue(
                    healthyBeatenThreeTimes.await(WAIT_SECONDS, TimeUnit.SECONDS),
                    "the session after the broken one is beaten round after round");
        }
        assertTrue(brokenBeats.get() >= 3, "the broken session is tried every round: " + brokenBeats.get());
    }

    @Test
    void a_round_that_fails_as_a_whole_is_followed_by_the_next() throws Exception {
        CountDownLatch rounds = new CountDownLatch(3);
        Consumer<Consumer<String>> failingVisit = visitor -> {
            rounds.countDown();
            throw new IllegalStateException("the session set could not be walked");
        };

        try (SessionRounds<String> failing = new SessionRounds<>("test rounds", PERIOD, failingVisit, session -> {})) {
            assertTrue(rounds.await(WAIT_SECONDS, TimeUnit.SECONDS), "rounds go on after a failed one");
        }
    }
}
