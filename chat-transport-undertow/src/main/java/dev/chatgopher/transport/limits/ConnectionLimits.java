package dev.chatgopher.transport.limits;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WebSocket connections: how many are open per identity, per address and in all (the handshake rate is counted
 * earlier, by {@link HandshakeRateHandler}). A connection admitted holds a {@link Lease} until it closes; counts at zero leave the maps, so they hold
 * only clients that are connected. Off, everything is admitted and nothing counted.
 */
public final class ConnectionLimits {

    /** The answer to a connection that wants to open: a {@link Lease} or a {@link Refusal}. */
    public sealed interface Admission permits Lease, Refusal {}

    /**
     * A refused connection: the HTTP status (429 for the client's own limits, 503 when the server is full), the
     * seconds to wait, and the words.
     */
    public record Refusal(int status, long retryAfterSeconds, String message) implements Admission {}

    /** One admitted connection's place in the counts, held until it closes. */
    public static final class Lease implements Admission {

        private final Runnable giveBack;
        private final AtomicBoolean released = new AtomicBoolean();

        private Lease(Runnable giveBack) {
            this.giveBack = giveBack;
        }

        /** Gives the place back; only the first call counts. */
        public void release() {
            if (released.compareAndSet(false, true)) {
                giveBack.run();
            }
        }
    }

    private final LimitSettings settings;
    private final ConcurrentHashMap<String, Integer> perIdentity = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> perAddress = new ConcurrentHashMap<>();
    private final AtomicInteger total = new AtomicInteger();
    private final LimitMetrics metrics;

    public ConnectionLimits(LimitSettings settings, LimitMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    /**
     * Admits a connection of {@code identity} from {@code address}: the lease when it may open, or the refusal.
     * With tokens off the identity is the address, and only the per-address count applies.
     */
    public Admission admit(String identity, String address) {
        if (!settings.enabled()) {
            return new Lease(() -> {});
        }
        if (total.incrementAndGet() > settings.maxConnections()) {
            total.decrementAndGet();
            metrics.refused(LimitMetrics.Limit.MAX_CONNECTIONS);
            return new Refusal(503, 5, "the server holds as many WebSockets as it may; retry shortly");
        }
        if (!increment(perAddress, address, settings.connectionsPerAddress())) {
            total.decrementAndGet();
            metrics.refused(LimitMetrics.Limit.CONNECTIONS_PER_ADDRESS);
            return new Refusal(
                    429,
                    5,
                    "too many WebSockets open from " + address + ": at most " + settings.connectionsPerAddress()
                            + "; close one first");
        }
        boolean countsIdentity = !identity.equals(address);
        if (countsIdentity && !increment(perIdentity, identity, settings.connectionsPerIdentity())) {
            decrement(perAddress, address);
            total.decrementAndGet();
            metrics.refused(LimitMetrics.Limit.CONNECTIONS_PER_IDENTITY);
            return new Refusal(
                    429,
                    5,
                    "too many WebSockets open for " + identity + ": at most " + settings.connectionsPerIdentity()
                            + "; close one first");
        }
        return new Lease(() -> {
            if (countsIdentity) {
                decrement(perIdentity, identity);
            }
            decrement(perAddress, address);
            total.decrementAndGet();
        });
    }

    /** Connections open now, in all. */
    public int open() {
        return total.get();
    }

    /** Adds one to the key's count unless it is at the limit; true when it was added. */
    private static boolean increment(ConcurrentHashMap<String, Integer> counts, String key, int limit) {
        boolean[] added = {false};
        counts.compute(key, (k, count) -> {
            int current = count == null ? 0 : count;
            if (current >= limit) {
                return count;
            }
            added[0] = true;
            return current + 1;
        });
        return added[0];
    }

    private static void decrement(ConcurrentHashMap<String, Integer> counts, String key) {
        counts.computeIfPresent(key, (k, count) -> count <= 1 ? null : count - 1);
    }
}
