package dev.chatgopher.transport;

import dev.chatgopher.transport.health.Readiness;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.function.Supplier;

/**
 * What the server tells operators, beyond the API: the meters it records its own figures in, the text served at
 * {@code GET /metrics} (a Prometheus scrape of those meters and others), and the checks behind
 * {@code GET /health/ready}.
 */
public record ServerOperations(MeterRegistry meters, Supplier<String> metricsScrape, Readiness readiness) {

    /** For tests and embedding: meters kept in memory, an empty scrape, always ready. */
    public static ServerOperations inMemory() {
        return new ServerOperations(new SimpleMeterRegistry(), () -> "", Readiness.ALWAYS);
    }
}
