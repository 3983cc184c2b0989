package dev.chatgopher.transport.http;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.undertow.server.HttpHandler;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every request of one route, by status, as {@code http.server.requests{method, route, status}}. The timers
 * of a route are looked up by status in a small map of its own, so the hot path builds no tags.
 */
final class RequestMetrics {

    private final MeterRegistry registry;

    RequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /** The handler, timed under the given route name (the path template, or "unmatched"). */
    HttpHandler timed(String method, String route, HttpHandler next) {
        ConcurrentMap<Integer, Timer> byStatus = new ConcurrentHashMap<>();
        return exchange -> {
            long started = System.nanoTime();
            exchange.addExchangeCompleteListener((done, proceed) -> {
                timer(byStatus, method == null ? done.getRequestMethod().toString() : method, route, done.getStatusCode())
                        .record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
                proceed.proceed();
            });
            next.handleRequest(exchange);
        };
    }

    private Timer timer(ConcurrentMap<Integer, Timer> byStatus, String method, String route, int status) {
        // Requests of an unmatched route carry any method: keep the key unique per method too.
        int key = status * 31 + method.hashCode();
        Timer timer = byStatus.get(key);
        if (timer == null) {
            timer = byStatus.computeIfAbsent(key, k -> Timer.builder("http.server.requests")
                    .description("HTTP requests by method, route and status")
                    .tag("method", method).tag("route", route).tag("status", Integer.toString(status))
                    .register(registry));
        }
        return timer;
    }
}
