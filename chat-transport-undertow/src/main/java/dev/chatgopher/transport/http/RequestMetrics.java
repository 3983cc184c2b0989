package dev.chatgopher.transport.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.undertow.server.HttpHandler;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Counts every request of a route by status, as {@code chat.http.requests{method, route, status}}. A route's
 * counters sit in an array indexed by status, so the hot path builds no tags and boxes nothing; a counter, not a
 * timer, because timing every request cost more than the rest of this class (answer times are the benchmark's).
 */
final class RequestMetrics {

    private static final String NAME = "chat.http.requests";
    private static final String DESCRIPTION = "HTTP requests answered, by method, route and status";

    private static final Set<String> STANDARD_METHODS =
            Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The handler of one method on one route, counted under the route's path template. */
    HttpHandler counted(String method, String route, HttpHandler next) {
        AtomicReferenceArray<Counter> byStatus = new AtomicReferenceArray<>(600);
        return exchange -> {
            exchange.addExchangeCompleteListener((done, proceed) -> {
                int status = done.getStatusCode();
                Counter counter = status < byStatus.length() ? byStatus.get(status) : null;
                if (counter == null) {
                    counter = counter(method, route, status);
                    if (status < byStatus.length()) {
                        byStatus.set(status, counter);
                    }
                }
                counter.increment();
                proceed.proceed();
            });
            next.handleRequest(exchange);
        };
    }

    /**
     * A handler for requests that match no route, whatever their method: counted under {@code unmatched}, with a
     * method that is not one of HTTP's own as {@code other}, so that clients cannot make up new meters.
     */
    HttpHandler countedUnmatched(HttpHandler next) {
        ConcurrentMap<String, Counter> byMethodAndStatus = new ConcurrentHashMap<>();
        return exchange -> {
            exchange.addExchangeCompleteListener((done, proceed) -> {
                String sent = done.getRequestMethod().toString();
                String method = STANDARD_METHODS.contains(sent) ? sent : "other";
                int status = done.getStatusCode();
                byMethodAndStatus
                        .computeIfAbsent(method + " " + status, key -> counter(method, "unmatched", status))
                        .increment();
                proceed.proceed();
            });
            next.handleRequest(exchange);
        };
    }

    private Counter counter(String method, String route, int status) {
        // The registry hands back the same counter for the same tags, so a race here only looks it up twice.
        return Counter.builder(NAME)
                .description(DESCRIPTION)
                .tag("method", method)
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .register(registry);
    }
}
