package dev.chatgopher.domain.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.chatgopher.domain.model.StoreUnavailableException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class StoreAvailabilityTest {

    private static final Duration INTERVAL = Duration.ofMillis(10);

    /** What the probe does next: answer, fail, or hang until released. */
    private final AtomicReference<String> store = new AtomicReference<>("up");

    private final CountDownLatch releaseHangingProbe = new CountDownLatch(1);
    private final List<Boolean> changes = new CopyOnWriteArrayList<>();

    private StoreAvailability monitor(Duration stallLimit) {
        StoreAvailability availability = StoreAvailability.monitor(
                () -> {
                    switch (store.get()) {
                        case "down" -> throw new StoreUnavailableException("connection refused");
                        case "frozen" -> {
                            try {
                                releaseHangingProbe.await();
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }
                        default -> {}
                    }
                },
                INTERVAL,
                stallLimit);
        availability.onChange(changes::add);
        return availability;
    }

    @Test
    void a_failed_request_makes_it_unavailable_until_the_probe_answers() throws Exception {
        try (StoreAvailability availability = monitor(Duration.ofSeconds(5))) {
            store.set("down");
            availability.reportUnavailable(new StoreUnavailableException("connection reset"));

            assertFalse(availability.isAvailable());
            assertThrows(StoreUnavailableException.class, availability::requireAvailable);
            assertFalse(availability.lastProbe().answered());
            store.set("up");
            await(() -> changes.size() == 2);
            assertTrue(availability.isAvailable());
            assertEquals(List.of(false, true), changes);
            await(() -> availability.lastProbe().answered());
        }
    }

    @Test
    void a_reported_failure_is_probed_at_once_rather_than_at_the_next_interval() throws Exception {
        try (StoreAvailability availability =
                StoreAvailability.monitor(() -> {}, Duration.ofMinutes(10), Duration.ofSeconds(5))) {
            availability.onChange(changes::add);
            await(() -> availability.lastProbe().answered()); // the next scheduled probe is 10 minutes away

            availability.reportUnavailable(new StoreUnavailableException("connection reset"));

            await(() -> changes.size() == 2); // the probe found it back long before its interval
            assertEquals(List.of(false, true), changes);
        }
    }

    @Test
    void a_probe_that_fails_makes_it_unavailable_without_any_request() throws Exception {
        try (StoreAvailability availability = monitor(Duration.ofSeconds(5))) {
            store.set("down");

            await(() -> changes.size() == 1);

            assertFalse(availability.isAvailable());
            assertEquals(List.of(false), changes);
            assertEquals("connection refused", availability.lastProbe().detail());
        }
    }

    @Test
    void a_probe_that_hangs_past_the_stall_limit_counts_as_unavailable() throws Exception {
        try (StoreAvailability availability = monitor(Duration.ofMillis(50))) {
            store.set("frozen");

            await(() -> !availability.isAvailable());
            assertFalse(availability.lastProbe().answered());
            assertTrue(
                    availability.lastProbe().detail().startsWith("no answer for "),
                    availability.lastProbe().detail());

            store.set("up");
            releaseHangingProbe.countDown();
            await(availability::isAvailable);
        }
    }

    @Test
    void an_in_memory_store_is_always_available() {
        try (StoreAvailability availability = StoreAvailability.assumeAvailable()) {
            availability.reportUnavailable(new StoreUnavailableException("cannot happen"));

            assertTrue(availability.isAvailable());
            assertTrue(availability.lastProbe().answered());
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(condition.getAsBoolean(), "the condition did not come true within 10 s");
    }
}
