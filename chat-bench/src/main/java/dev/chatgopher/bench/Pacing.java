package dev.chatgopher.bench;

import java.util.concurrent.locks.LockSupport;

/** Sends at a fixed rate, each send at its own due instant, so a slow answer delays no later send's due time. */
final class Pacing {

    /** Whether to make send number {@code index}, due at {@code dueNanos}. */
    @FunctionalInterface
    interface While {
        boolean test(long index, long dueNanos);
    }

    /** Makes send number {@code index}; called on the pacing thread at its due instant. */
    @FunctionalInterface
    interface Send {
        void send(long index, long dueNanos);
    }

    private Pacing() {}

    /** Calls {@code send} for 0, 1, 2... at {@code perSecond}, starting in 10 ms, while {@code more} holds; returns how many. */
    static long atRate(double perSecond, While more, Send send) {
        long start = System.nanoTime() + 10_000_000L;
        double intervalNanos = 1e9 / perSecond;
        long index = 0;
        for (long due = start; more.test(index, due); due = start + (long) (++index * intervalNanos)) {
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            send.send(index, due);
        }
        return index;
    }
}
