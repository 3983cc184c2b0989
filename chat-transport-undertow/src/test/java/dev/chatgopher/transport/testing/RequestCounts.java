package dev.chatgopher.transport.testing;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The server's {@code chat.http.requests} counters. A request is counted when its exchange completes, just after
 * the client has its answer, so a test waits for the count it expects.
 */
public final class RequestCounts {

    private RequestCounts() {}

    /**
     * The sum of the counters with these tags (name, value, ...) once it reaches {@code expected}, or what it is
     * after ten seconds.
     */
    public static double await(MeterRegistry meters, double expected, String... tags) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        double count = count(meters, tags);
        while (count < expected && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(5).toNanos());
            count = count(meters, tags);
        }
        return count;
    }

    private static double count(MeterRegistry meters, String... tags) {
        return meters.find("chat.http.requests").tags(tags).counters().stream()
                .mapToDouble(Counter::count)
                .sum();
    }
}
