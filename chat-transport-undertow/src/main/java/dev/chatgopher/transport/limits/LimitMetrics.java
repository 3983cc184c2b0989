package dev.chatgopher.transport.limits;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

/** Refusals by limit, as {@code chat.limits.refusals{limit}}: how often, and which limit, clients run into. */
public final class LimitMetrics {

    /** The limits a client can be refused by. */
    public enum Limit {
        MESSAGES,
        HANDSHAKES,
        CONNECTIONS_PER_IDENTITY,
        CONNECTIONS_PER_ADDRESS,
        MAX_CONNECTIONS;

        String tag() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    private final Map<Limit, Counter> refusals = new EnumMap<>(Limit.class);

    public LimitMetrics(MeterRegistry registry) {
        for (Limit limit : Limit.values()) {
            refusals.put(
                    limit,
                    Counter.builder("chat.limits.refusals")
                            .description("Messages and WebSocket connections refused, by the limit they ran into")
                            .tag("limit", limit.tag())
                            .register(registry));
        }
    }

    /** Figures kept nowhere but here, for tests and embedding. */
    public static LimitMetrics inMemory() {
        return new LimitMetrics(new SimpleMeterRegistry());
    }

    void refused(Limit limit) {
        refusals.get(limit).increment();
    }

    /** Refusals by that limit so far. */
    public long refusals(Limit limit) {
        return (long) refusals.get(limit).count();
    }
}
