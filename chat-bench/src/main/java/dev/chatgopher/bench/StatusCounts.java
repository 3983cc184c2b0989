package dev.chatgopher.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Requests counted by HTTP status, from any thread; status 0 is a connection that failed, {@link #NO_ANSWER} a
 * request the client stopped waiting for.
 */
final class StatusCounts {

    static final int NO_ANSWER = -1;

    private final Map<Integer, LongAdder> byStatus = new ConcurrentHashMap<>();

    void record(int status) {
        byStatus.computeIfAbsent(status, s -> new LongAdder()).increment();
    }

    long total() {
        return byStatus.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** For the report: each status with its count, in status order. */
    Map<String, Long> describe() {
        Map<String, Long> counts = new TreeMap<>();
        byStatus.forEach((status, count) -> counts.put(
                switch (status) {
                    case 0 -> "connection failure";
                    case NO_ANSWER -> "no answer";
                    default -> Integer.toString(status);
                },
                count.sum()));
        return counts;
    }
}
