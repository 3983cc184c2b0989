package dev.chatgopher.transport.limits;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KeyedBucketsTest {

    @Test
    void each_key_has_its_own_bucket_and_an_empty_one_says_how_long_to_wait() {
        KeyedBuckets<String> buckets = new KeyedBuckets<>(2, 1);

        assertEquals(0, buckets.tryTake("alice"));
        assertEquals(0, buckets.tryTake("alice"));
        long wait = buckets.tryTake("alice");
        assertEquals(0, buckets.tryTake("bob"));

        assertTrue(wait > 0 && wait <= 1_000_000_000L, "waits at most the second one token takes: " + wait);
    }

    @Test
    void a_sweep_drops_only_the_buckets_that_have_refilled_so_memory_holds_only_recent_keys() throws Exception {
        KeyedBuckets<String> slow = new KeyedBuckets<>(5, 1);
        KeyedBuckets<String> fast = new KeyedBuckets<>(1, 1_000);
        for (int i = 0; i < 100; i++) {
            slow.tryTake("client-" + i);
            fast.tryTake("client-" + i);
        }
        Thread.sleep(20); // a thousand tokens a second: every fast bucket is full again

        slow.sweep();
        fast.sweep();

        assertEquals(100, slow.size(), "a bucket still refilling is kept, or its client would get a fresh budget");
        assertEquals(0, fast.size());
    }

    @Test
    void a_message_limiter_that_is_off_never_refuses_and_keeps_nothing() {
        MessageLimiter off = new MessageLimiter(LimitSettings.OFF.withMessages(1, 1), LimitMetrics.inMemory());

        for (int i = 0; i < 10; i++) {
            assertEquals(0, off.tryTake(new Identity.Subject("alice")));
        }
        assertEquals(0, off.trackedIdentities());
    }

    @Test
    void waits_are_rounded_up_to_whole_seconds_and_milliseconds() {
        assertEquals(1, MessageLimiter.secondsToWait(1));
        assertEquals(2, MessageLimiter.secondsToWait(1_000_000_001L));
        assertEquals(1, MessageLimiter.millisecondsToWait(1));
        assertEquals(100, MessageLimiter.millisecondsToWait(99_999_999L));
    }
}
