package dev.chatgopher.domain.service;

import dev.chatgopher.domain.model.StoreUnavailableException;
import dev.chatgopher.domain.port.out.StoreProbe;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

/**
 * Whether the database can be used right now, so that requests are refused at once while it is down instead of
 * each waiting for its own timeout. The store is <em>unavailable</em> after a request failed for a connection
 * reason, after a probe failed, or while a probe has been waiting longer than the stall limit (a frozen server
 * answers nothing at all). One probe thread asks the store every probe interval; its first answer after an outage
 * makes the store available again.
 */
public final class StoreAvailability implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(StoreAvailability.class.getName());

    /**
     * How the last probe went, for the readiness check: whether it answered, in how long, how long ago it ended,
     * and how long the probe running now has been waiting (zero when none runs).
     */
    public record ProbeResult(boolean answered, Duration roundTrip, Duration waiting, String detail) {}

    private final StoreProbe probe;
    private final Duration interval;
    private final long stallLimitNanos;
    private final Thread thread;
    private final List<Consumer<Boolean>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean available = true;
    /** {@code System.nanoTime()} when the running probe started, 0 while none runs. */
    private volatile long probeStartedNanos;

    private volatile long lastRoundTripNanos;
    private volatile String lastFailure = "not probed yet";
    private volatile long unavailableSinceNanos;
    private volatile boolean closed;

    private StoreAvailability(StoreProbe probe, Duration interval, Duration stallLimit) {
        this.probe = probe;
        this.interval = interval;
        this.stallLimitNanos = stallLimit.toNanos();
        this.thread = probe == null
                ? null
                : Thread.ofPlatform().name("store-probe").daemon().unstarted(this::probeUntilClosed);
    }

    /**
     * Starts probing the store every {@code interval}; a probe still waiting after {@code stallLimit} counts as an
     * outage.
     */
    public static StoreAvailability monitor(StoreProbe probe, Duration interval, Duration stallLimit) {
        StoreAvailability availability = new StoreAvailability(probe, interval, stallLimit);
        availability.thread.start();
        return availability;
    }

    /** For a store that cannot become unavailable (in memory): always available, never probed. */
    public static StoreAvailability assumeAvailable() {
        return new StoreAvailability(null, Duration.ofDays(1), Duration.ofDays(1));
    }

    /** Whether requests should be tried now; cheap enough for every send. */
    public boolean isAvailable() {
        if (!available) {
            return false;
        }
        long started = probeStartedNanos;
        return started == 0 || System.nanoTime() - started <= stallLimitNanos;
    }

    /** Throws at once while the store is unavailable. */
    public void requireAvailable() {
        if (!isAvailable()) {
            throw new StoreUnavailableException("the database is unavailable; try again shortly");
        }
    }

    /** A request failed for a connection reason: the store is unavailable until a probe gets an answer. */
    public void reportUnavailable(Throwable cause) {
        if (probe != null) {
            becomeUnavailable(cause.getMessage());
            LockSupport.unpark(thread); // probe now rather than at the next interval: the outage may already be over
        }
    }

    /** Called with {@code false} when the store becomes unavailable and {@code true} when it answers again. */
    public void onChange(Consumer<Boolean> listener) {
        listeners.add(listener);
    }

    /** The last probe: whether it answered and in how long; a probe waiting past the stall limit has not answered. */
    public ProbeResult lastProbe() {
        if (probe == null) {
            return new ProbeResult(true, Duration.ZERO, Duration.ZERO, "in memory");
        }
        long now = System.nanoTime();
        long started = probeStartedNanos;
        Duration waiting = started == 0 ? Duration.ZERO : Duration.ofNanos(now - started);
        Duration roundTrip = Duration.ofNanos(lastRoundTripNanos);
        if (waiting.toNanos() > stallLimitNanos) {
            return new ProbeResult(false, roundTrip, waiting, "no answer for " + waiting.toMillis() + " ms");
        }
        if (!available) {
            return new ProbeResult(false, roundTrip, waiting, lastFailure);
        }
        return new ProbeResult(true, roundTrip, waiting, "answered in " + roundTrip.toMillis() + " ms");
    }

    @Override
    public void close() {
        closed = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void probeUntilClosed() {
        while (!closed) {
            long started = System.nanoTime();
            probeStartedNanos = started;
            RuntimeException failure = null;
            try {
                probe.check();
            } catch (RuntimeException e) {
                failure = e;
            }
            lastRoundTripNanos = System.nanoTime() - started;
            probeStartedNanos = 0;
            if (failure == null) {
                becomeAvailable();
            } else {
                becomeUnavailable(failure.getMessage());
            }
            LockSupport.parkNanos(interval.toNanos());
        }
    }

    private synchronized void becomeUnavailable(String reason) {
        lastFailure = reason == null ? "unavailable" : reason;
        if (!available) {
            return;
        }
        available = false;
        unavailableSinceNanos = System.nanoTime();
        LOG.log(
                Level.WARNING,
                "The database is unavailable; requests are refused until it answers again: " + lastFailure);
        listeners.forEach(listener -> listener.accept(false));
    }

    private synchronized void becomeAvailable() {
        if (available) {
            return;
        }
        available = true;
        LOG.log(
                Level.INFO,
                "The database answers again after " + millis(System.nanoTime() - unavailableSinceNanos) + " ms");
        listeners.forEach(listener -> listener.accept(true));
    }

    private static long millis(long nanos) {
        return Duration.ofNanos(nanos).toMillis();
    }
}
