package dev.chatgopher.transport.ws;

import dev.chatgopher.transport.websocket.WebSocketConnection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * The WebSocket figures: closes by code and by who started them ({@code chat.websocket.closes}), and the delivery
 * lag ({@code chat.delivery.lag}): from a batch's publication right after its commit to the write that put its
 * frame on a client's socket, for the oldest message of that write, sampled one write in
 * {@link #DELIVERY_LAG_SAMPLING} per client.
 */
public final class WebSocketMetrics {

    /**
     * Each client records the lag of one write in this many. Recording every write cost 6 % of the server's CPU
     * in the fan-out benchmark (1,000 clients, 200 messages/s: 50,000 writes/s); a uniform sample keeps the
     * distribution and its tail.
     */
    static final int DELIVERY_LAG_SAMPLING = 16;

    private final MeterRegistry registry;
    private final ConcurrentMap<String, Counter> closes = new ConcurrentHashMap<>();
    private final Timer deliveryLag;

    public WebSocketMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.deliveryLag = Timer.builder("chat.delivery.lag")
                .description("From commit to the frame written to a client's socket, per write (live messages only)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(30))
                .register(registry);
    }

    /** A connection ended: {@code code} is the close code exchanged (1006 when none was), {@code by} who sent it first. */
    void closed(int code, WebSocketConnection.ClosedBy closedBy) {
        String by = closedBy.name().toLowerCase(Locale.ROOT);
        closes.computeIfAbsent(
                        code + " " + by,
                        key -> Counter.builder("chat.websocket.closes")
                                .description(
                                        "WebSocket connections ended, by close code and by who closed first (server, client, network)")
                                .tag("code", Integer.toString(code))
                                .tag("by", by)
                                .register(registry))
                .increment();
    }

    void delivered(long publishedNanos) {
        deliveryLag.record(System.nanoTime() - publishedNanos, TimeUnit.NANOSECONDS);
    }
}
