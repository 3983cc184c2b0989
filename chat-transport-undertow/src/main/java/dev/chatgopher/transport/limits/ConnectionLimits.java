package dev.chatgopher.transport.limits;

import java.util.concurrent.ConcurrentHashMap;
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

    /**
     * One admitted connection's place in the counts, held until it closes. Every open socket holds one, so it is
     * kept to one small object: the counts it is in, no callback.
     */
    public static final class Lease implements Admission {

        /** The lease of every connection while the limits are off: nothing to give back. */
        private static final Lease UNCOUNTED = new Lease(null, null, null);

        private final ConnectionLimits limits;
        /** The subject counted, or null when the identity is the address, counted once. */
        private final String subject;

        private final String address;
        private boolean released;

        private Lease(ConnectionLimits limits, String subject, String address) {
            this.limits = limits;
            this.subject = subject;
            this.address = address;
        }

        /** Gives the place back; only the first call counts. */
        public void release() {
            if (limits == null) {
                return;
            }
            synchronized (this) {
                if (released) {
                    return;
                }
                released = true;
            }
            limits.giveBack(this);
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
    public Admission admit(Identity identity, String address) {
        if (!settings.enabled()) {
            return Lease.UNCOUNTED;
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
        String subject = identity instanceof Identity.Subject counted ? counted.name() : null;
        if (subject != null && !increment(perIdentity, subject, settings.connectionsPerIdentity())) {
            decrement(perAddress, address);
            total.decrementAndGet();
            metrics.refused(LimitMetrics.Limit.CONNECTIONS_PER_IDENTITY);
            return new Refusal(
                    429,
                    5,
                    "too many WebSockets open for " + subject + ": at most " + settings.connectionsPerIdentity()
                            + "; close one first");
        }
        return new Lease(this, subject, address);
    }

    private void giveBack(Lease lease) {
        if (lease.subject != null) {
            decrement(perIdentity, lease.subject);
        }
        decrement(perAddress, lease.address);
        total.decrementAndGet();
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
